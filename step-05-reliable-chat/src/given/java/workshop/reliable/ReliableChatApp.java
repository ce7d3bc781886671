package workshop.reliable;

import io.javalin.Javalin;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import workshop.core.Hub;
import workshop.core.Nicknames;
import workshop.core.OriginCheck;
import workshop.core.Protocol;
import workshop.core.ProtocolError;
import workshop.core.UpgradeCheck;
import workshop.core.WebSocketApp;

/**
 * The reliable chat: step 4's server (the chat core's {@link WebSocketApp} and {@link Hub}), plus a
 * login over plain HTTP and two checks of its own before the upgrade, after step 4's key and origin:
 * a login token, and room to spare. The hub runs the {@link ChatRoom}.
 *
 * <p>Run it with {@code ./mvnw -pl step-05-reliable-chat compile exec:java}, then open
 * http://localhost:7075 in two tabs and log in with the passphrase it prints. {@code -Dport=...},
 * {@code -Dpassphrase=...} and {@code -Dorigins=...} (see {@link OriginCheck}) change the defaults.
 */
public final class ReliableChatApp {

    public static final int DEFAULT_PORT = 7075;
    public static final String DEFAULT_PASSPHRASE = "open sesame";
    public static final String PATH = "/chat";
    /** The cookie that carries the login token; the README says why a cookie. */
    public static final String TOKEN_COOKIE = "chat-token";

    private static final Logger log = LoggerFactory.getLogger(ReliableChatApp.class);

    private ReliableChatApp() {
    }

    public static void main(String[] args) {
        int port = Integer.getInteger("port", DEFAULT_PORT);
        String passphrase = System.getProperty("passphrase", DEFAULT_PASSPHRASE);
        OriginCheck origins = OriginCheck.parse(System.getProperty("origins", ""));
        Clock clock = Clock.systemUTC();
        Hub hub = new Hub(clock, Hub.Settings.DEFAULTS);
        Javalin app = create(hub, clock, Tokens.withRandomKey(clock), new Admission(Limits.MAX_CONNECTIONS, hub::open),
                origins, passphrase).start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "chat-stop"));
        log.info("Chat is up: open http://localhost:{} in two browser tabs; the passphrase is \"{}\"", app.port(), passphrase);
    }

    /** The app, not started yet: call {@code start(port)}; port 0 picks a free one. */
    public static Javalin create(Hub hub, Clock clock, Tokens tokens, Admission admission, OriginCheck origins, String passphrase) {
        hub.serve(new ChatRoom(hub, clock));
        return WebSocketApp.create(hub, PATH, origins, config -> {
            config.routes.post("/login", ctx -> login(ctx, tokens, passphrase));
            config.routes.get("/session", ctx -> renew(ctx, tokens));
            // After step 4's checks (key, origin), still on the plain HTTP request: a refused client never gets a socket.
            config.routes.wsBeforeUpgrade(PATH, ctx -> {
                String token = ctx.cookie(TOKEN_COOKIE);
                Optional<String> name = tokens.verify(token);
                if (name.isEmpty()) {
                    // Never log the token itself: whoever reads the log could use it until it expires.
                    log.info("Refused a WebSocket without a valid login token from {}", ctx.ip());
                    UpgradeCheck.refuse(ctx, HttpStatus.UNAUTHORIZED,
                            "Log in first (POST /login): the chat needs a valid " + TOKEN_COOKIE + " cookie.");
                }
                if (!admission.hasRoom()) {
                    int seconds = admission.retryAfterSeconds();
                    log.info("Refused {}: the server is full, retry after {} s", name.get(), seconds);
                    // RFC 9110 §10.2.3: how long to wait before trying again.
                    ctx.header(Header.RETRY_AFTER, Integer.toString(seconds));
                    UpgradeCheck.refuse(ctx, HttpStatus.SERVICE_UNAVAILABLE, "The chat is full: try again in " + seconds + " s.");
                }
                // The room reads the name from it when the member joins.
                ctx.attribute(Hub.UPGRADE_TOKEN, token);
            });
        });
    }

    /** POST /login with a name and the room's passphrase: a token in a cookie the page's scripts cannot read. */
    private static void login(Context ctx, Tokens tokens, String passphrase) {
        byte[] given = String.valueOf(ctx.formParam("passphrase")).getBytes(StandardCharsets.UTF_8);
        // Compared in constant time, so that the time of a wrong guess says nothing about the right one.
        if (!MessageDigest.isEqual(given, passphrase.getBytes(StandardCharsets.UTF_8))) {
            log.info("Refused a login: wrong passphrase, from {}", ctx.ip());
            answer(ctx, HttpStatus.UNAUTHORIZED, Map.of("code", "wrong-passphrase", "message", "That is not the room's passphrase."));
            return;
        }
        String name;
        try {
            name = Nicknames.validate(ctx.formParam("name"));
        } catch (ProtocolError error) {
            answer(ctx, HttpStatus.BAD_REQUEST, Map.of("code", error.code(), "message", error.getMessage()));
            return;
        }
        log.info("{} logged in", name);
        giveToken(ctx, tokens, name);
    }

    /** GET /session: who the cookie says you are, with a fresh token, or 401 when it proves nothing. */
    private static void renew(Context ctx, Tokens tokens) {
        Optional<String> name = tokens.verify(ctx.cookie(TOKEN_COOKIE));
        if (name.isEmpty()) {
            answer(ctx, HttpStatus.UNAUTHORIZED, Map.of("code", "not-logged-in", "message", "Log in first."));
            return;
        }
        giveToken(ctx, tokens, name.get());
    }

    /**
     * HttpOnly: no script on the page can read the token, so an XSS bug cannot steal it. SameSite=Strict:
     * the browser sends it only with requests from this site's own pages. The browser sends it with the
     * WebSocket upgrade by itself; the Origin check above refuses pages of other sites.
     */
    private static void giveToken(Context ctx, Tokens tokens, String name) {
        ctx.header(Header.SET_COOKIE, TOKEN_COOKIE + "=" + tokens.issue(name) + "; Path=/; Max-Age="
                + Limits.TOKEN_LIFETIME.toSeconds() + "; HttpOnly; SameSite=Strict");
        ctx.header(Header.CACHE_CONTROL, "no-store");
        answer(ctx, HttpStatus.OK, Map.of("name", name));
    }

    /** JSON written with the protocol's Gson: Javalin has no JSON mapper of its own without Jackson. */
    private static void answer(Context ctx, HttpStatus status, Map<String, String> body) {
        ctx.status(status).contentType(ContentType.APPLICATION_JSON).result(Protocol.toJson(body));
    }
}
