package workshop.game;

import io.javalin.Javalin;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import workshop.core.OriginCheck;

/** The game on a free port, with the real clock. */
final class GameServer implements AutoCloseable {

    final Game game;
    private final Javalin app;

    /**
     * Players that send no input stay: the silence timeout is a minute, longer than any test. The crowd
     * test, which checks that a silent player leaves, passes its own.
     */
    GameServer() {
        this(Duration.ofMinutes(1));
    }

    /** With a shorter wait before a silent player counts as vanished, so a test need not wait 5 s. */
    GameServer(Duration silenceTimeout) {
        game = new Game(System::nanoTime, silenceTimeout);
        app = GameApp.create(game, new OriginCheck(Set.of())).start(0);
    }

    URI uri(String query) {
        return URI.create("ws://127.0.0.1:" + app.port() + GameApp.PATH + query);
    }

    String page(String query) {
        return "http://127.0.0.1:" + app.port() + "/" + query;
    }

    /** A connection that sends nothing: a spectator of match 1. */
    Bot spectator() {
        return Bot.connect(uri(""));
    }

    /** Connects and joins; returns once the welcome came. */
    Bot join(String name) {
        Bot bot = Bot.connect(uri(""));
        bot.join(name);
        bot.welcome = bot.expect("welcome", "the answer to a join (Game.join)");
        return bot;
    }

    @Override
    public void close() {
        app.stop();
    }
}
