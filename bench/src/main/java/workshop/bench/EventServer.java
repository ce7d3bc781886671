package workshop.bench;

import io.javalin.Javalin;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One stream of events, offered four ways, so that the bench can compare them on the same server:
 * <pre>
 *   POST /events              the body becomes an event (a client sending by HTTP)
 *   WS   /ws                  a text frame becomes an event; every event comes as a text frame
 *   GET  /poll?after=ID       short polling: the events after ID, at once (often none)
 *   GET  /long-poll?after=ID  long polling: the same, but waits until there is one
 *   GET  /sse                 Server-Sent Events: every event as it happens, on one response
 * </pre>
 * Every answer is JSON: an event is {@code {"id":7,"text":"..."}}; a poll answers
 * {@code {"last":7,"events":[...]}}; without {@code after} it answers only {@code last}, where a page
 * that just opened starts from.
 */
public final class EventServer {

    /** A long poll with no news is answered empty after this, before proxies drop an idle request. */
    static final Duration LONG_POLL_TIMEOUT = Duration.ofSeconds(20);
    /** How many recent events are kept for polls that come late. */
    static final int KEPT_EVENTS = 1_000;

    private final Deque<String> kept = new ArrayDeque<>();
    private long lastId;
    private List<CompletableFuture<Void>> waiting = new ArrayList<>();
    private final Set<SseClient> streams = ConcurrentHashMap.newKeySet();
    /** By session id: Javalin hands each callback a new context object for the same connection. */
    private final Map<String, WsContext> sockets = new ConcurrentHashMap<>();
    private final LongAdder handled = new LongAdder();

    public static void main(String[] args) throws Exception {
        EventServer events = new EventServer();
        Javalin app = events.create().start("127.0.0.1", Integer.getInteger("port", 0));
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "events-stop"));
        ServerHost.serve(events.handled::sum);
    }

    Javalin create() {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.before(ctx -> handled.increment());
            config.routes.post("/events", ctx -> {
                publish(ctx.body(), null);
                ctx.status(HttpStatus.NO_CONTENT);
            });
            config.routes.get("/poll", ctx -> answer(ctx, poll(ctx)));
            config.routes.get("/long-poll", this::longPoll);
            config.routes.sse("/sse", client -> {
                client.keepAlive();
                client.onClose(() -> streams.remove(client));
                streams.add(client);
                // A comment line (WHATWG HTML §9.2.6) tells the client it is subscribed; EventSource ignores it.
                client.sendComment("subscribed");
            });
            config.routes.ws("/ws", ws -> {
                ws.onConnect(ctx -> sockets.put(ctx.sessionId(), ctx));
                ws.onClose(ctx -> sockets.remove(ctx.sessionId()));
                ws.onMessage(ctx -> {
                    handled.increment();
                    publish(ctx.message(), ctx);
                });
            });
        });
    }

    private void longPoll(Context ctx) {
        CompletableFuture<Void> answered;
        synchronized (this) {
            String news = poll(ctx);
            if (ctx.queryParam("after") == null || !news.endsWith("[]}")) {
                answer(ctx, news);
                return;
            }
            // The request waits without a thread: Jetty answers it when the future completes.
            answered = new CompletableFuture<Void>().completeOnTimeout(null, LONG_POLL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            waiting.add(answered);
        }
        ctx.future(() -> answered.thenRun(() -> answer(ctx, poll(ctx))));
    }

    private static void answer(Context ctx, String json) {
        ctx.contentType(ContentType.APPLICATION_JSON).result(json);
    }

    private synchronized String poll(Context ctx) {
        String after = ctx.queryParam("after");
        StringBuilder json = new StringBuilder("{\"last\":").append(lastId).append(",\"events\":[");
        if (after != null) {
            long afterId = Long.parseLong(after);
            long id = lastId - kept.size();
            String separator = "";
            for (String event : kept) {
                if (++id > afterId) {
                    json.append(separator).append(event);
                    separator = ",";
                }
            }
        }
        return json.append("]}").toString();
    }

    private void publish(String text, WsContext sender) {
        List<CompletableFuture<Void>> woken;
        String event;
        String id;
        synchronized (this) {
            id = Long.toString(++lastId);
            event = "{\"id\":" + id + ",\"text\":" + quote(text) + "}";
            kept.addLast(event);
            if (kept.size() > KEPT_EVENTS) {
                kept.removeFirst();
            }
            woken = waiting;
            waiting = new ArrayList<>();
        }
        woken.forEach(answer -> answer.complete(null));
        for (SseClient stream : streams) {
            stream.sendEvent("message", event, id);
        }
        sockets.forEach((session, socket) -> {
            if (sender == null || !session.equals(sender.sessionId())) {
                socket.send(event);
            }
        });
    }

    /** A JSON string (RFC 8259 §7): the text in quotes, with quotes, backslashes and controls escaped. */
    static String quote(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }
}
