package workshop.chat;

import io.javalin.Javalin;
import java.net.URI;
import java.time.Instant;
import java.util.Set;

/** The chat app on a free port, with a clock the test controls. */
final class ChatServer implements AutoCloseable {

    final TestClock clock = new TestClock(Instant.parse("2026-03-14T09:26:53Z"));
    private final OriginCheck origins;
    private Javalin app;
    private int port;

    ChatServer() {
        this(new OriginCheck(Set.of()));
    }

    ChatServer(OriginCheck origins) {
        this.origins = origins;
        start(0);
    }

    private void start(int wantedPort) {
        app = ChatApp.create(new ChatRoom(clock), origins).start(wantedPort);
        port = app.port();
    }

    int port() {
        return port;
    }

    URI uri() {
        return URI.create("ws://localhost:" + port + ChatApp.PATH);
    }

    String page() {
        return "http://localhost:" + port + "/";
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
