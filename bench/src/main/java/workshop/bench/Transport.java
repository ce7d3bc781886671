package workshop.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The four ways a page can get the events of {@link EventServer}, each as a browser's script would do
 * it, and the way it sends: by POST for the three HTTP ones, by a frame on its socket for WebSocket.
 */
enum Transport {
    SHORT_POLLING("short polling (1 s)"),
    LONG_POLLING("long polling"),
    SSE("Server-Sent Events"),
    WEBSOCKET("WebSocket");

    /** How often a short-polling page asks: the usual "every second" of a page that wants news soon. */
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    /**
     * Headers a browser's {@code fetch} and {@code new WebSocket} send to their own site, cookies left
     * out, so that each request on the wire weighs what a browser's does, not what the JDK's client sends.
     */
    static final List<String> BROWSER_HEADERS = List.of(
            "User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            "Accept", "*/*",
            "Accept-Language", "en-US,en;q=0.9",
            "Accept-Encoding", "gzip, deflate, br, zstd",
            "Referer", "http://127.0.0.1/",
            "Origin", "http://127.0.0.1");

    final String label;

    Transport(String label) {
        this.label = label;
    }

    /** One subscribed page. */
    interface Subscriber {
        /** Completes when the page is subscribed: its first answer, or its stream or socket open. */
        CompletableFuture<Void> subscribed();

        void stop();
    }

    /** One page that sends events. */
    interface Publisher {
        void send(String text);
    }

    /** Subscribes one page; {@code stamps} gets the stamp of every event it receives. */
    Subscriber subscribe(HttpClient client, int port, ScheduledExecutorService timer, Duration firstPoll, LongConsumer stamps) {
        return switch (this) {
            case SHORT_POLLING -> new Poller(client, port, "/poll", timer, firstPoll, POLL_INTERVAL, stamps);
            case LONG_POLLING -> new Poller(client, port, "/long-poll", timer, Duration.ZERO, Duration.ZERO, stamps);
            case SSE -> new EventStream(client, port, stamps);
            case WEBSOCKET -> new Socket(client, port, stamps);
        };
    }

    /** The page that sends: a POST per event, or a frame on its own socket. */
    Publisher publisher(HttpClient client, int port) {
        if (this == WEBSOCKET) {
            Socket socket = new Socket(client, port, stamp -> { });
            socket.subscribed().join();
            return socket::send;
        }
        URI uri = URI.create("http://127.0.0.1:" + port + "/events");
        return text -> client.sendAsync(browserRequest(uri).POST(HttpRequest.BodyPublishers.ofString(text)).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    static HttpRequest.Builder browserRequest(URI uri) {
        return HttpRequest.newBuilder(uri).headers(BROWSER_HEADERS.toArray(String[]::new));
    }

    /** Asks again and again: after each answer, at once (long polling) or after an interval (short polling). */
    private static final class Poller implements Subscriber {
        private final HttpClient client;
        private final String base;
        private final ScheduledExecutorService timer;
        private final Duration interval;
        private final LongConsumer stamps;
        private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
        private volatile boolean stopped;
        private volatile String after;

        Poller(HttpClient client, int port, String path, ScheduledExecutorService timer, Duration first, Duration interval,
                LongConsumer stamps) {
            this.client = client;
            this.base = "http://127.0.0.1:" + port + path;
            this.timer = timer;
            this.interval = interval;
            this.stamps = stamps;
            timer.schedule(this::ask, first.toMillis(), TimeUnit.MILLISECONDS);
        }

        private void ask() {
            if (stopped) {
                return;
            }
            URI uri = URI.create(after == null ? base : base + "?after=" + after);
            client.sendAsync(browserRequest(uri).build(), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> {
                        if (failure == null) {
                            String body = response.body();
                            Stamps.scan(body, stamps);
                            after = body.substring("{\"last\":".length(), body.indexOf(','));
                            subscribed.complete(null);
                        }
                        if (!stopped) {
                            timer.schedule(this::ask, interval.toMillis(), TimeUnit.MILLISECONDS);
                        }
                    });
        }

        @Override
        public CompletableFuture<Void> subscribed() {
            return subscribed;
        }

        @Override
        public void stop() {
            stopped = true;
        }
    }

    /** An EventSource: one response that never ends, read line by line. */
    private static final class EventStream implements Subscriber, Flow.Subscriber<String> {
        private final LongConsumer stamps;
        private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;

        EventStream(HttpClient client, int port, LongConsumer stamps) {
            this.stamps = stamps;
            HttpRequest request = browserRequest(URI.create("http://127.0.0.1:" + port + "/sse"))
                    .setHeader("Accept", "text/event-stream").build();
            client.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(this));
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith(":")) {
                subscribed.complete(null);
            } else if (line.startsWith("data:")) {
                Stamps.scan(line, stamps);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            // A stream that breaks delivers no more: the table shows the deliveries that are missing.
        }

        @Override
        public void onComplete() {
            // The same: a stream the server ended delivers no more.
        }

        @Override
        public CompletableFuture<Void> subscribed() {
            return subscribed;
        }

        @Override
        public void stop() {
            if (subscription != null) {
                subscription.cancel();
            }
        }
    }

    /** A WebSocket: every event comes as a text frame; a send is a text frame too. */
    private static final class Socket implements Subscriber, WebSocket.Listener {
        private final LongConsumer stamps;
        private final StringBuilder message = new StringBuilder();
        private final CompletableFuture<Void> subscribed;
        private volatile WebSocket socket;
        /** The JDK's WebSocket takes one send at a time: each waits for the one before. */
        private CompletableFuture<WebSocket> sending;

        Socket(HttpClient client, int port, LongConsumer stamps) {
            this.stamps = stamps;
            WebSocket.Builder builder = client.newWebSocketBuilder();
            for (int i = 0; i < BROWSER_HEADERS.size(); i += 2) {
                builder.header(BROWSER_HEADERS.get(i), BROWSER_HEADERS.get(i + 1));
            }
            CompletableFuture<WebSocket> opened = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), this);
            sending = opened;
            subscribed = opened.thenAccept(ws -> socket = ws);
        }

        synchronized void send(String text) {
            sending = sending.thenCompose(ws -> ws.sendText(text, true));
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                Stamps.scan(message, stamps);
                message.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletableFuture<Void> subscribed() {
            return subscribed;
        }

        @Override
        public void stop() {
            if (socket != null) {
                socket.abort();
            }
        }
    }
}
