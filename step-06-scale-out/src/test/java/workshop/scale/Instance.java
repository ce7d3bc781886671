package workshop.scale;

import io.javalin.Javalin;
import java.net.URI;
import java.time.Clock;
import java.util.List;

/** One instance of the chat on a free port, on Redis (or on the in-process broker). */
final class Instance implements AutoCloseable {

    private final ChatRoom room;
    private final Javalin app;
    private final String name;
    private boolean stopped;

    private Instance(String name, Broker broker, List<String> peers, int port) {
        this.name = name;
        room = new ChatRoom(broker, Clock.systemUTC());
        app = ScaleApp.create(room, peers).start(port);
    }

    static Instance onRedis(String name, RedisServer redis) {
        return new Instance(name, new RedisBroker(redis.uri()), List.of(), 0);
    }

    /** On a given port, with the host:port of every instance its pages may move to. */
    static Instance onRedis(String name, RedisServer redis, List<String> peers, int port) {
        return new Instance(name, new RedisBroker(redis.uri()), peers, port);
    }

    static Instance local() {
        return on(new LocalBroker());
    }

    static Instance on(Broker broker) {
        return new Instance("local", broker, List.of(), 0);
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
