package workshop.core;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.function.Consumer;
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

    /**
     * {@link #PAGE_HEADERS}, except that the page may open sockets to these servers too, such as
     * {@code ws://localhost:7077}: step 6's page moves to another instance when its own goes away.
     */
    public static Map<String, String> pageHeaders(Collection<String> sockets) {
        String csp = PAGE_HEADERS.get("Content-Security-Policy");
        return Map.of("Content-Security-Policy", csp.replace("connect-src 'self'", String.join(" ", "connect-src 'self'", String.join(" ", sockets)).strip()),
                "X-Content-Type-Options", "nosniff");
    }

    /** RFC 7692's extension, which every browser offers on the upgrade. See {@link Limits#DEFLATE}. */
    public static final String DEFLATE = "permessage-deflate";

    private WebSocketApp() {
    }

    /**
     * The app, not started yet: call {@code start(port)}; port 0 picks a free one. The hub must be
     * serving its room ({@link Hub#serve}); it is closed when the server stops.
     */
    public static Javalin create(Hub hub, String path, OriginCheck origins) {
        return create(hub, path, origins, config -> { });
    }

    /**
     * The same app, and what a later step adds to it: routes of its own (step 5's login), and checks of
     * its own before the upgrade ({@code config.routes.wsBeforeUpgrade(path, ...)}), which run after
     * this class's. A check that proves who the client is may say so in {@link Hub#UPGRADE_TOKEN}.
     */
    public static Javalin create(Hub hub, String path, OriginCheck origins, Consumer<JavalinConfig> more) {
        return create(hub, path, origins, PAGE_HEADERS, more);
    }

    /** The same, with the page's headers of its own ({@link #pageHeaders}). */
    public static Javalin create(Hub hub, String path, OriginCheck origins, Map<String, String> pageHeaders, Consumer<JavalinConfig> more) {
        return Javalin.create(config -> {
            serve(config, Limits.MAX_MESSAGE_BYTES);
            config.events.serverStopped(hub::close);

            config.staticFiles.add(files -> {
                files.directory = "/public";
                files.location = Location.CLASSPATH;
                files.headers = pageHeaders;
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
            more.accept(config);
        });
    }

    /**
     * What every WebSocket server of the workshop sets up the same way, the game's too: Jetty's limits,
     * a graceful stop, no HTTP sessions, and permessage-deflate declined.
     */
    public static void serve(JavalinConfig config, int maxMessageBytes) {
        config.startup.showJavalinBanner = false;
        config.jetty.modifyWebSocketServletFactory(factory -> {
            factory.setMaxTextMessageSize(maxMessageBytes);
            factory.setMaxBinaryMessageSize(maxMessageBytes);
            factory.setIdleTimeout(Limits.IDLE_TIMEOUT);
        });
        // A graceful stop: Jetty closes every WebSocket with 1001, going away (RFC 6455 §7.4.1),
        // instead of dropping the TCP connections.
        config.jetty.modifyServer(server -> server.setStopTimeout(Limits.STOP_TIMEOUT.toMillis()));
        config.jetty.modifyServletContextHandler(handler -> {
            // No cookie: the chat keeps no HTTP sessions.
            handler.getSessionHandler().setUsingCookies(false);
            handler.addFilter((Filter) (request, response, chain) -> chain.doFilter(
                    isUpgrade(request) ? new WithoutSession((HttpServletRequest) request) : request, response),
                    "/*", EnumSet.of(DispatcherType.REQUEST));
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
    }

    private static boolean isUpgrade(jakarta.servlet.ServletRequest request) {
        return request instanceof HttpServletRequest http && http.getHeader("Sec-WebSocket-Version") != null;
    }

    /**
     * The upgrade request as Javalin sees it: a session that is there is shown, none is ever made.
     * Javalin copies the HTTP session's attributes into the WsContext (its UpgradeRequestData calls
     * {@code getSession()}, which makes a session when there is none). Jetty would make one per socket,
     * each id drawn under one lock (its session id manager's SecureRandom), so a join storm of 1,000
     * queued on that lock, and each session stayed in memory after its socket closed. The chat keeps no
     * sessions: Javalin is shown an empty one, stored nowhere.
     */
    private static final class WithoutSession extends HttpServletRequestWrapper {

        /** Only its attribute names are ever asked for; anything else would be a session in use. */
        private static final HttpSession EMPTY = (HttpSession) Proxy.newProxyInstance(HttpSession.class.getClassLoader(),
                new Class<?>[] {HttpSession.class}, (session, method, args) -> {
                    if (method.getName().equals("getAttributeNames")) {
                        return Collections.emptyEnumeration();
                    }
                    throw new UnsupportedOperationException("The chat keeps no HTTP sessions: " + method.getName());
                });

        WithoutSession(HttpServletRequest request) {
            super(request);
        }

        @Override
        public HttpSession getSession(boolean create) {
            HttpSession session = super.getSession(false);
            return session != null || !create ? session : EMPTY;
        }

        @Override
        public HttpSession getSession() {
            return getSession(true);
        }
    }
}
