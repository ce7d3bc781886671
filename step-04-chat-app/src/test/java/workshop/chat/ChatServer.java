package workshop.chat;

import io.javalin.Javalin;
import java.net.URI;
import java.time.Instant;
import java.util.Set;

/** The chat app on a free port, with a clock the test controls. */
final class ChatServer implements AutoCloseable {

    final TestClock clock = new TestClock(Instant.parse("2026-03-14T09:26:53Z"));
    private final OriginCheck origins;
    private final int maxConnections;
    private final int maxConnectionsPerAddress;
    private Javalin app;
    private int port;

    ChatServer() {
        this(new OriginCheck(Set.of()));
    }

    ChatServer(OriginCheck origins) {
        this(origins, Limits.CONNECTIONS, Limits.CONNECTIONS_PER_ADDRESS);
    }

    /** With its own connection limits, every connection of a test coming from 127.0.0.1. */
    ChatServer(int maxConnections, int maxConnectionsPerAddress) {
        this(new OriginCheck(Set.of()), maxConnections, maxConnectionsPerAddress);
    }

    private ChatServer(OriginCheck origins, int maxConnections, int maxConnectionsPerAddress) {
        this.origins = origins;
        this.maxConnections = maxConnections;
        this.maxConnectionsPerAddress = maxConnectionsPerAddress;
        start(0);
    }

    private void start(int wantedPort) {
        app = ChatApp.create(new ChatRoom(clock, maxConnections, maxConnectionsPerAddress), origins).start(wantedPort);
        port = app.port();
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
