package workshop.chat;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat app: Javalin serves the page (from {@code /public} on the classpath) and the WebSocket
 * endpoint {@code /chat}, and hands every event to the {@link ChatRoom}.
 *
 * <p>Run it with {@code ./mvnw -pl step-04-chat-app compile exec:java}, then open
 * http://localhost:7070 in two tabs. {@code -Dport=8080} changes the port; {@code -Dorigins=...}
 * lets pages from other origins connect (see {@link OriginCheck}).
 */
public final class ChatApp {

    public static final int DEFAULT_PORT = 7070;
    public static final String PATH = "/chat";

    /**
     * Sent with the page: its scripts, styles and sockets may come from this server only, and no other
     * site may frame it. If markup ever got into the page, it could neither run nor load anything.
     */
    public static final Map<String, String> PAGE_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'; connect-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
            "X-Content-Type-Options", "nosniff");

    private static final Logger log = LoggerFactory.getLogger(ChatApp.class);

    private ChatApp() {
    }

    public static void main(String[] args) {
        int port = Integer.getInteger("port", DEFAULT_PORT);
        OriginCheck origins = OriginCheck.parse(System.getProperty("origins", ""));
        ChatRoom room = new ChatRoom(Clock.systemUTC(), Limits.CONNECTIONS, Limits.CONNECTIONS_PER_ADDRESS);
        Javalin app = create(room, origins).start(port);
        // Ctrl+C stops the server properly, so the pages hear 1001 and start reconnecting.
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "chat-stop"));
        log.info("Chat is up: open http://localhost:{} in two browser tabs", app.port());
    }

    /** The app, not started yet: call {@code start(port)}; port 0 picks a free one. */
    public static Javalin create(ChatRoom room, OriginCheck origins) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.modifyWebSocketServletFactory(factory -> {
                factory.setMaxTextMessageSize(Limits.MAX_MESSAGE_BYTES);
                factory.setMaxBinaryMessageSize(Limits.MAX_MESSAGE_BYTES);
                factory.setIdleTimeout(Limits.IDLE_TIMEOUT);
            });
            // A graceful stop: Jetty closes every WebSocket with 1001, going away (RFC 6455 §7.4.1),
            // instead of dropping the TCP connections.
            config.jetty.modifyServer(server -> server.setStopTimeout(Limits.STOP_TIMEOUT.toMillis()));
            // No cookie: the chat keeps no HTTP sessions (see UpgradeCheck).
            config.jetty.modifyServletContextHandler(handler -> handler.getSessionHandler().setUsingCookies(false));
            config.events.serverStopped(room::close);

            // TODO 1: config.staticFiles.add: directory "/public" on the classpath (Location.CLASSPATH), headers PAGE_HEADERS
            // TODO 1: config.routes.wsBeforeUpgrade(PATH, ctx -> UpgradeCheck.check(ctx, origins))
            // TODO 1: config.routes.ws(PATH, ws -> ...): onConnect, onMessage, onBinaryMessage, onClose, each handed to the room: see the README
            // TODO 1: in onConnect, first ctx.enableAutomaticPings(Limits.PING_INTERVAL.toSeconds(), TimeUnit.SECONDS), then room.connect(ctx)
            // TODO 1: onBinaryMessage closes with ctx.closeSession(1003, "<a reason>"): the chat takes text (JSON) only
        });
    }
}
