package workshop.scale;

import io.javalin.Javalin;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import workshop.chattest.ChatClient;
import workshop.core.Hub;

/** One instance of the chat on a free port, on Redis (or on the in-memory cluster). */
final class Instance implements AutoCloseable {

    /** The core's limits, with a liveness of seconds: a peer that stops answering is gone within 5 s, not 30. */
    static final Hub.Settings SETTINGS = Hub.Settings.DEFAULTS.withLiveness(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofMillis(250));

    private final ChatRoom room;
    private final Javalin app;
    private final String name;
    private boolean stopped;

    private Instance(String name, Cluster cluster, List<String> peers, int port) {
        this.name = name;
        Clock clock = Clock.systemUTC();
        Hub hub = new Hub(clock, SETTINGS);
        room = new ChatRoom(hub, cluster, clock);
        app = ScaleApp.create(hub, room, peers).start(port);
    }

    static Instance onRedis(String name, RedisServer redis) {
        return new Instance(name, new RedisBroker(redis.uri()), List.of(), 0);
    }

    /** On a given port, with the host:port of every instance its pages may move to. */
    static Instance onRedis(String name, RedisServer redis, List<String> peers, int port) {
        return new Instance(name, new RedisBroker(redis.uri()), peers, port);
    }

    static Instance local() {
        return on(new LocalCluster());
    }

    static Instance on(Cluster cluster) {
        return new Instance("local", cluster, List.of(), 0);
    }

    int port() {
        return app.port();
    }

    URI uri() {
        return URI.create("ws://localhost:" + port() + ScaleApp.PATH);
    }

    String page() {
        return "http://localhost:" + port() + "/";
    }

    ChatClient connect(String label) {
        return ChatClient.connect(uri(), label + "@" + name, null);
    }

    /** Connects and joins; returns once the welcome came. */
    ChatClient join(String user) {
        ChatClient client = connect(user);
        client.join(user);
        client.expect("welcome", "the answer to a join on instance " + name + ", from ChatRoom.join");
        return client;
    }

    /** Stops as if the process died: no goodbye, nothing released in Redis. */
    void crash() {
        stopped = true;
        room.crash();
        app.stop();
    }

    @Override
    public void close() {
        if (!stopped) {
            stopped = true;
            app.stop();
            room.close();
        }
    }
}
