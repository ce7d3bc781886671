package workshop.chat;

import io.javalin.Javalin;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import workshop.core.Hub;
import workshop.core.OriginCheck;
import workshop.core.WebSocketApp;

/**
 * The chat app: the core's server ({@link WebSocketApp}) serves the page and the WebSocket endpoint
 * {@code /chat}, and its {@link Hub} runs your {@link ChatRoom}.
 *
 * <p>Run it with {@code ./mvnw -pl step-04-chat-app compile exec:java}, then open
 * http://localhost:7070 in two tabs. {@code -Dport=8080} changes the port; {@code -Dorigins=...}
 * lets pages from other origins connect (see {@link OriginCheck}).
 */
public final class ChatApp {

    public static final int DEFAULT_PORT = 7070;
    public static final String PATH = "/chat";

    private static final Logger log = LoggerFactory.getLogger(ChatApp.class);

    private ChatApp() {
    }

    public static void main(String[] args) {
        int port = Integer.getInteger("port", DEFAULT_PORT);
        OriginCheck origins = OriginCheck.parse(System.getProperty("origins", ""));
        Javalin app = create(new Hub(Clock.systemUTC(), Hub.Settings.DEFAULTS), Clock.systemUTC(), origins).start(port);
        // Ctrl+C stops the server properly, so the pages hear 1001 and start reconnecting.
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "chat-stop"));
        log.info("Chat is up: open http://localhost:{} in two browser tabs", app.port());
    }

    /** The app, not started yet: call {@code start(port)}; port 0 picks a free one. */
    public static Javalin create(Hub hub, Clock clock, OriginCheck origins) {
        hub.serve(new ChatRoom(hub, clock));
        return WebSocketApp.create(hub, PATH, origins);
    }
}
