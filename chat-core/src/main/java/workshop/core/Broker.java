package workshop.core;

import java.util.function.Consumer;

/**
 * The seam between a room and the other servers of a cluster, as Socket.IO's adapter is: the room
 * publishes what everyone must hear, and the broker brings back what every server published, this
 * one included. One server needs nothing more than {@link LocalBroker}; step 6 adds a Redis one, and
 * the room's code does not change.
 *
 * <p>Rules for an implementation: {@link #publish} never blocks the hub (a network call goes to a
 * thread of the broker's own), and {@code deliver} may be called on any thread: the hub posts what it
 * gets to its own thread.
 */
public interface Broker extends AutoCloseable {

    /** Called once, before the first publish: where events from every server go. */
    void subscribe(Consumer<String> deliver);

    /** Hands one event (JSON, written once) to every server's room, this one included. */
    void publish(String json);

    @Override
    void close();
}
