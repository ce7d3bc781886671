package workshop.chat;

import io.javalin.Javalin;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.Header;
import io.javalin.http.staticfiles.Location;
import java.time.Clock;
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

    private static final Logger log = LoggerFactory.getLogger(ChatApp.class);

    private ChatApp() {
    }

    public static void main(String[] args) {
        int port = Integer.getInteger("port", DEFAULT_PORT);
        OriginCheck origins = OriginCheck.parse(System.getProperty("origins", ""));
        Javalin app = create(new ChatRoom(Clock.systemUTC()), origins).start(port);
        // Ctrl+C stops the server properly, so the pages hear 1001 and start reconnecting.
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "chat-stop"));
        log.info("Chat is up: open http://localhost:{} in two browser tabs", app.port());
    }

    /** The app, not started yet: call {@code start(port)}; port 0 picks a free one. */
    public static Javalin create(ChatRoom room, OriginCheck origins) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.staticFiles.add("/public", Location.CLASSPATH);
            config.jetty.modifyWebSocketServletFactory(factory -> {
                factory.setMaxTextMessageSize(Limits.MAX_MESSAGE_BYTES);
                factory.setMaxBinaryMessageSize(Limits.MAX_MESSAGE_BYTES);
                factory.setIdleTimeout(Limits.IDLE_TIMEOUT);
            });
            // A graceful stop: Jetty closes every WebSocket with 1001, going away (RFC 6455 §7.4.1),
            // instead of dropping the TCP connections.
            config.jetty.modifyServer(server -> server.setStopTimeout(Limits.STOP_TIMEOUT.toMillis()));

            // Runs on the plain HTTP request, before the upgrade: a refused page never gets a socket.
            config.routes.wsBeforeUpgrade(PATH, ctx -> {
                String origin = ctx.header(Header.ORIGIN);
                if (!origins.allows(origin, ctx.header(Header.HOST))) {
                    log.info("Refused a WebSocket from origin {}", origin);
                    throw new ForbiddenResponse("This page's origin may not open the chat: " + origin);
                }
            });
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
