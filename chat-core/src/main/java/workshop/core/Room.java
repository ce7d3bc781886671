package workshop.core;

/**
 * The rules of a room: what the app does with what a client says. The {@link Hub} calls these on its
 * own thread, one event at a time, so a room needs no lock: it reads and changes its state freely,
 * and answers through the hub ({@link Hub#send}, {@link Hub#broadcast}, {@link Hub#publish}).
 */
public interface Room {

    /**
     * One text message from a connection that the hub let in (under its rate limit and the server's
     * limits). Throw {@link ProtocolError} to refuse it: the hub answers that client with an
     * {@code error} and carries on.
     */
    void received(Connection from, String json);

    /**
     * A connection with a name is gone, however it went (closed, dropped by a limit, silent past the
     * liveness deadline); the hub has forgotten it already. Not called for one that never joined, nor
     * for one the room removed itself ({@link Hub#remove}).
     */
    void left(Connection member, String why);
}
