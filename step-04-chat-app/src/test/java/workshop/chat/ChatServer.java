package workshop.chat;

import io.javalin.Javalin;
import java.net.URI;
import java.time.Instant;
import java.util.Set;
import workshop.chattest.ChatClient;
import workshop.chattest.TestClock;
import workshop.core.Hub;
import workshop.core.OriginCheck;

/** The chat app on a free port, with a clock the test controls. */
final class ChatServer implements AutoCloseable {

    final TestClock clock = new TestClock(Instant.parse("2026-03-14T09:26:53Z"));
    private final OriginCheck origins;
    private final Hub.Settings settings;
    private Hub hub;
    private Javalin app;
    private int port;

    ChatServer() {
        this(new OriginCheck(Set.of()));
    }

    ChatServer(OriginCheck origins) {
        this(origins, Hub.Settings.DEFAULTS);
    }

    /** With its own connection limits, every connection of a test coming from 127.0.0.1. */
    ChatServer(int maxConnections, int maxConnectionsPerAddress) {
        this(Hub.Settings.DEFAULTS.withConnections(maxConnections, maxConnectionsPerAddress));
    }

    /** With its own limits, such as a liveness deadline short enough for a test. */
    ChatServer(Hub.Settings settings) {
        this(new OriginCheck(Set.of()), settings);
    }

    private ChatServer(OriginCheck origins, Hub.Settings settings) {
        this.origins = origins;
        this.settings = settings;
        start(0);
    }

    private void start(int wantedPort) {
        hub = new Hub(clock, settings);
        app = ChatApp.create(hub, clock, origins).start(wantedPort);
        port = app.port();
    }

    /** The hub of the running server: a test may look at its queue, or hold its thread. */
    Hub hub() {
        return hub;
    }

    int port() {
        return port;
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + port + ChatApp.PATH);
    }

    String page() {
        return "http://127.0.0.1:" + port + "/";
    }

    ChatClient connect(String label) {
        return ChatClient.connect(uri(), label, null);
    }

    /** Connects and joins; returns once the welcome came. */
    ChatClient join(String name) {
        ChatClient client = connect(name);
        client.join(name);
        client.expect("welcome", "the answer to a join, from ChatRoom.join");
        return client;
    }

    void stop() {
        app.stop();
    }

    /** A new room on the same port, as after a restart. */
    void restart() {
        app.stop();
        start(port);
    }

    @Override
    public void close() {
        app.stop();
    }
}
