package workshop.scale;

import java.util.Collection;
import java.util.List;
import workshop.scale.Messages.Message;

/**
 * What the instances of the chat share: a channel that every instance hears, the names in the room,
 * and the history. {@link RedisBroker} keeps them in Redis, so that many instances serve one room;
 * {@link LocalCluster} keeps them in memory, for one instance and no Redis.
 *
 * <p>Beside the chat core's {@link workshop.core.Broker}, not one: its calls wait for Redis and may fail
 * ({@link BrokerDown}), so the room never makes them on the hub's thread. It asks {@link Calls}, which
 * runs them on a thread of its own and posts the answers back to the hub. A cluster is thread-safe.
 */
public interface Cluster extends AutoCloseable {

    /** What a cluster tells its room. Called from the cluster's own thread: the room posts it to the hub. */
    interface Listener {
        /** An event some instance (this one too) published: the JSON to show to this instance's members. */
        void onEvent(String json);

        /** The cluster cannot be reached. */
        void onBrokerDown(String reason);

        /** The cluster is reachable (again): it listens for events. */
        void onBrokerUp();
    }

    /** The messages after a page's last id, oldest first, and how many it missed that are no longer kept. */
    record History(List<Message> messages, long missed) {
        public static final History EMPTY = new History(List.of(), 0);
    }

    /** Starts listening for events; returns once it listens, or once it knows it cannot. */
    void start(Listener listener);

    /** To every instance, this one included: each delivers it to its own members. */
    void publish(String json);

    /** Claims a name for this instance, if nobody has it (ignoring case). Atomic across instances. */
    boolean claim(String name);

    /**
     * Keeps this instance's names alive for another {@link Limits#PRESENCE_TTL}, and claims again those
     * nobody has (Redis restarted empty). Returns the names another instance holds now: this one's
     * claim lapsed (it could not refresh in time), the room let them go, and someone else took them.
     */
    List<String> refresh(Collection<String> names);

    /** Frees a name its member held: its member left. A name another instance holds now stays theirs. */
    void release(String name);

    /** Every name in the room, on every instance, sorted ignoring case. */
    List<String> online();

    /** Names whose instance stopped refreshing them. Each one is handed to one caller only, once. */
    List<String> expired();

    /**
     * Adds a message to the history; returns its id, which orders it among all messages. The id comes
     * after {@code newest} (the newest id this instance has seen, or null), even when the history was
     * lost since: an id never goes backwards, or a member caught up to an old one would skip new ones.
     */
    String append(String from, String text, String at, String newest);

    /** The history after {@code lastId} (all of it for {@code null}), at most {@link Limits#HISTORY_SIZE} messages. */
    History since(String lastId);

    @Override
    void close();
}
