package workshop.game;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import workshop.core.OriginCheck;
import workshop.core.UpgradeCheck;
import workshop.core.WebSocketApp;

/**
 * The arena: Javalin serves the page (from {@code /public} on the classpath) and the WebSocket
 * endpoint {@code /game}, and hands every event to the {@link Game}.
 *
 * <p>Run it with {@code ./mvnw -pl step-07-arena compile exec:java}, then open http://localhost:7078
 * to play and http://localhost:7078/?watch on the projector. {@code -Dport=8080} changes the port;
 * {@code -Dorigins=...} lets pages from other origins connect (the chat core's {@link OriginCheck}).
 *
 * <p>From the chat core it takes the checks before the upgrade and Jetty's settings. Not its hub: the game's owner thread
 * is its tick loop ({@link Game}), its inputs are binary and 20 a second, and a spectator never joins.
 */
public final class GameApp {

    public static final int DEFAULT_PORT = 7078;
    public static final String PATH = "/game";

    private static final Logger log = LoggerFactory.getLogger(GameApp.class);

    private GameApp() {
    }

    public static void main(String[] args) {
        int port = Integer.getInteger("port", DEFAULT_PORT);
        OriginCheck origins = OriginCheck.parse(System.getProperty("origins", ""));
        Game game = new Game(System::nanoTime, Limits.SILENCE_TIMEOUT);
        Javalin app = create(game, origins).start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "game-stop"));
        log.info("The arena is up: play at http://localhost:{}, show it on the projector at http://localhost:{}/?watch", app.port(), app.port());
    }

    /** The app, not started yet: call {@code start(port)}; port 0 picks a free one. Stopping it stops the game. */
    public static Javalin create(Game game, OriginCheck origins) {
        return Javalin.create(config -> {
            // The chat core's Jetty settings: a graceful stop, no HTTP sessions, permessage-deflate declined
            // (a snapshot is a few hundred bytes of numbers that barely compress, 20 times a second).
            WebSocketApp.serve(config, Limits.MAX_MESSAGE_BYTES);
            config.events.serverStopped(game::close);
            config.staticFiles.add(files -> {
                files.directory = "/public";
                files.location = Location.CLASSPATH;
                files.headers = WebSocketApp.PAGE_HEADERS;
            });
            // On the plain HTTP request, before the upgrade: a bad key gets 400, a foreign page 403, and no socket.
            config.routes.wsBeforeUpgrade(PATH, ctx -> UpgradeCheck.check(ctx, origins));
            config.routes.ws(PATH, ws -> {
                ws.onConnect(ctx -> {
                    ctx.enableAutomaticPings(Limits.PING_INTERVAL.toSeconds(), TimeUnit.SECONDS);
                    game.connected(ctx);
                });
                ws.onMessage(ctx -> game.received(ctx, ctx.message()));
                ws.onBinaryMessage(ctx -> game.received(ctx, ctx.data()));
                ws.onClose(ctx -> game.closed(ctx, ctx.status()));
            });
        });
    }
}
