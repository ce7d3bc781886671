package workshop.scale;

import io.javalin.Javalin;
import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import workshop.core.Hub;
import workshop.core.OriginCheck;
import workshop.core.Protocol;
import workshop.core.WebSocketApp;

/**
 * One instance of the chat: the core's server ({@link WebSocketApp}) serves the page and the WebSocket
 * endpoint {@code /chat}, and its {@link Hub} runs the {@link ChatRoom}, which shares the room with the
 * other instances through a {@link Cluster}.
 *
 * <p>{@code ./mvnw -pl step-06-scale-out compile exec:java} runs one instance on port 7076 with the
 * in-memory cluster: no Redis needed. With {@code -Dredis=redis://localhost:6379} it uses Redis, and
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
        Clock clock = Clock.systemUTC();
        Hub hub = new Hub(clock, Hub.Settings.DEFAULTS);
        ChatRoom room = new ChatRoom(hub, redis == null ? new LocalCluster() : new RedisBroker(URI.create(redis)), clock);
        Javalin app = create(hub, room, instances).start(port);
        // Ctrl+C: Jetty closes every socket with 1001, the room says goodbye for them, then lets go of the cluster.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            room.close();
        }, "chat-stop"));
        log.info("Chat is up on http://localhost:{} with {}", app.port(),
                redis == null ? "the in-memory cluster (one instance; add -Dredis=redis://localhost:6379 for more)" : "Redis at " + redis);
    }

    /**
     * The app, not started yet: call {@code start(port)}; port 0 picks a free one.
     *
     * @param instances host:port of every instance a page may move to; their pages may connect here
     */
    public static Javalin create(Hub hub, ChatRoom room, List<String> instances) {
        hub.serve(room);
        // The pages of every instance may connect here, and this one's page may connect to every instance.
        OriginCheck origins = new OriginCheck(instances.stream().map(instance -> "http://" + instance).collect(Collectors.toSet()));
        Map<String, String> pageHeaders = WebSocketApp.pageHeaders(instances.stream().map(instance -> "ws://" + instance).toList());
        return WebSocketApp.create(hub, PATH, origins, pageHeaders, config -> config.routes.get(INSTANCES_PATH,
                ctx -> ctx.contentType("application/json").result(Protocol.toJson(instances))));
    }
}
