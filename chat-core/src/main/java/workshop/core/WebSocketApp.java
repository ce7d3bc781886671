package workshop.core;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.Map;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;

/**
 * The server around a {@link Hub}: Javalin serves the page (from {@code /public} on the classpath)
 * and one WebSocket endpoint, checks every upgrade first ({@link UpgradeCheck}), and hands every
 * event to the hub. The same for every step and the game; only the room and the page differ.
 */
public final class WebSocketApp {

    /**
     * Sent with the page: its scripts, styles and sockets may come from this server only, and no other
     * site may frame it. If markup ever got into the page, it could neither run nor load anything.
     */
    public static final Map<String, String> PAGE_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'; connect-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
            "X-Content-Type-Options", "nosniff");

    /** RFC 7692's extension, which every browser offers on the upgrade. See {@link Limits#DEFLATE}. */
    public static final String DEFLATE = "permessage-deflate";

    private WebSocketApp() {
    }

    /**
     * The app, not started yet: call {@code start(port)}; port 0 picks a free one. The hub must be
     * serving its room ({@link Hub#serve}); it is closed when the server stops.
     */
    public static Javalin create(Hub hub, String path, OriginCheck origins) {
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
            config.jetty.modifyServletContextHandler(handler -> {
                // No cookie: the chat keeps no HTTP sessions (see UpgradeCheck).
                handler.getSessionHandler().setUsingCookies(false);
                if (!Limits.DEFLATE) {
                    // Jetty accepts an extension the client offers if its registry knows it: once the
                    // context has started, the registry no longer knows permessage-deflate, and the
                    // 101 carries no Sec-WebSocket-Extensions.
                    handler.addEventListener(new ServletContextListener() {
                        @Override
                        public void contextInitialized(ServletContextEvent started) {
                            WebSocketServerComponents.getWebSocketComponents(handler).getExtensionRegistry()
                                    .getAvailableExtensions().remove(DEFLATE);
                        }
                    });
                }
            });
            config.events.serverStopped(hub::close);

            config.staticFiles.add(files -> {
                files.directory = "/public";
                files.location = Location.CLASSPATH;
                files.headers = PAGE_HEADERS;
            });
            // Runs on the plain HTTP request, before the upgrade: a refused request never gets a socket.
            config.routes.wsBeforeUpgrade(path, ctx -> UpgradeCheck.check(ctx, origins));
            config.routes.ws(path, ws -> {
                ws.onConnect(hub::connected);
                ws.onMessage(ctx -> hub.received(ctx, ctx.message()));
                // RFC 6455 §7.4.1: 1003, this endpoint takes text (JSON) only.
                ws.onBinaryMessage(ctx -> ctx.closeSession(1003, "This chat speaks JSON in text messages only."));
                ws.onClose(ctx -> hub.disconnected(ctx, ctx.status()));
            });
        });
    }
}
