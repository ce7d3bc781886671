package workshop.scale;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import workshop.core.OriginCheck;
import workshop.core.UpgradeCheck;

/**
 * One instance of the chat: Javalin serves the page and the WebSocket endpoint {@code /chat}, and
 * hands every event to the {@link ChatRoom}, which shares the room with the other instances through
 * a {@link Broker}.
 *
 * <p>{@code ./mvnw -pl step-06-scale-out compile exec:java} runs one instance on port 7076 with the
 * in-process broker: no Redis needed. With {@code -Dredis=redis://localhost:6379} it uses Redis, and
 * a second instance with {@code -Dport=7077} serves the same room. {@code -Dinstances=...} lists the
 * instances a page may move between (default: localhost on 7076 and 7077).
 */
public final class ScaleApp {

    public static final int DEFAULT_PORT = 7076;
    public static final String DEFAULT_INSTANCES = "localhost:7076,localhost:7077";
    public static final String PATH = "/chat";
    /** The page asks here which instances it may connect to, as a JSON list of host:port. */
    public static final String INSTANCES_PATH = "/instances";

    private static final Logger log = LoggerFactory.getLogger(ScaleApp.class);

    private ScaleApp() {
    }

    public static void main(String[] args) {
        int port = Integer.getInteger("port", DEFAULT_PORT);
        String redis = System.getProperty("redis");
        List<String> instances = Arrays.stream(System.getProperty("instances", DEFAULT_INSTANCES).split(","))
                .map(String::strip).filter(instance -> !instance.isEmpty()).toList();
        Broker broker = redis == null ? new LocalBroker() : new RedisBroker(URI.create(redis));
        ChatRoom room = new ChatRoom(broker, Clock.systemUTC());
        Javalin app = create(room, instances).start(port);
        // Ctrl+C: Jetty closes every socket with 1001, the room says goodbye for them, then lets go of the broker.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            room.close();
        }, "chat-stop"));
        log.info("Chat is up on http://localhost:{} with {}", app.port(),
                redis == null ? "the in-process broker (one instance; add -Dredis=redis://localhost:6379 for more)" : "Redis at " + redis);
    }

    /**
     * The app, not started yet: call {@code start(port)}; port 0 picks a free one.
     *
     * @param instances host:port of every instance a page may move to; their pages may connect here
     */
    public static Javalin create(ChatRoom room, List<String> instances) {
        Set<String> origins = instances.stream().map(instance -> "http://" + instance).collect(Collectors.toSet());
        OriginCheck originCheck = new OriginCheck(origins);
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.staticFiles.add("/public", Location.CLASSPATH);
            config.jetty.modifyWebSocketServletFactory(factory -> {
                factory.setMaxTextMessageSize(Limits.MAX_MESSAGE_BYTES);
                factory.setMaxBinaryMessageSize(Limits.MAX_MESSAGE_BYTES);
                factory.setIdleTimeout(Limits.IDLE_TIMEOUT);
            });
            // A graceful stop: Jetty closes every WebSocket with 1001, going away (RFC 6455 §7.4.1).
            config.jetty.modifyServer(server -> server.setStopTimeout(Limits.STOP_TIMEOUT.toMillis()));

            config.routes.get(INSTANCES_PATH, ctx -> ctx.contentType("application/json").result(Protocol.toJson(instances)));
            // No cookie: the chat keeps no HTTP sessions. The checks before the upgrade are the core's, as in step 4:
            // the Origin, the Sec-WebSocket-Key, plain-text reasons.
            config.jetty.modifyServletContextHandler(handler -> handler.getSessionHandler().setUsingCookies(false));
            config.routes.wsBeforeUpgrade(PATH, ctx -> UpgradeCheck.check(ctx, originCheck));
            config.routes.ws(PATH, ws -> {
                ws.onConnect(ctx -> {
                    ctx.enableAutomaticPings(Limits.PING_INTERVAL.toSeconds(), TimeUnit.SECONDS);
                    room.connect(ctx);
                });
                ws.onMessage(ctx -> room.receive(ctx, ctx.message()));
                // RFC 6455 §7.4.1: 1003, this endpoint takes text (JSON) only.
                ws.onBinaryMessage(ctx -> ctx.closeSession(1003, "This chat speaks JSON in text messages only."));
                ws.onClose(ctx -> room.disconnect(ctx, ctx.status()));
            });
        });
    }
}
