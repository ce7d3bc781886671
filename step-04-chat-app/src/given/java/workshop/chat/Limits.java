package workshop.chat;

import java.time.Duration;

/**
 * Every limit of the chat, in one place: change them here. The step README has the same table, and
 * the tests read these constants, so they keep passing when you change a value.
 */
public final class Limits {

    /** Longest nickname, in characters (code points) after NFKC and trimming. The page counts the same way. */
    public static final int MAX_NAME_LENGTH = 20;

    /** Longest text of a chat message, in characters (code points). The page counts the same way. */
    public static final int MAX_TEXT_LENGTH = 500;

    /** How many recent messages the room keeps, and sends to a newcomer in the welcome. */
    public static final int HISTORY_SIZE = 50;

    /** Rate limit, a token bucket per connection: this many messages in a burst... */
    public static final int RATE_LIMIT_BURST = 10;

    /** ...and this many more for every second that passes. */
    public static final int RATE_LIMIT_PER_SECOND = 2;

    /**
     * Largest WebSocket message the server reads, in bytes. Jetty closes a connection that sends a
     * bigger one with 1009 (message too big) before the room sees it. A chat message with a text of
     * {@link #MAX_TEXT_LENGTH} characters fits with room to spare, even with every character escaped.
     */
    public static final int MAX_MESSAGE_BYTES = 8 * 1024;

    /**
     * Most bytes that may wait in the server for one connection, sent but not yet written to its
     * socket. A client that reads slower than the room talks reaches it, and is closed with 1008:
     * without a bound, Jetty would queue for it without end. A full welcome (50 messages of 500
     * characters, each up to 4 bytes) fits.
     */
    public static final int MAX_QUEUED_BYTES = 256 * 1024;

    /** Open connections in all, joined or not. {@code -Dlimits.connections=N} changes it. */
    public static final int CONNECTIONS = Integer.getInteger("limits.connections", 1000);

    /**
     * Open connections from one IP address. A classroom behind one NAT router shows as one address:
     * 40 laptops with a few tabs each must fit. {@code -Dlimits.connectionsPerAddress=N} changes it.
     */
    public static final int CONNECTIONS_PER_ADDRESS = Integer.getInteger("limits.connectionsPerAddress", 200);

    /** A connection that has not joined this long after it opened is closed with 1008. */
    public static final Duration JOIN_DEADLINE = Duration.ofSeconds(30);

    /**
     * A page sends a heartbeat every 10 seconds; a connection that has sent one and then stays silent
     * this long is taken for a vanished peer (a laptop shut, a network gone) and leaves the room.
     */
    public static final Duration SILENCE_TIMEOUT = Duration.ofSeconds(30);

    /** How often the room looks for connections past {@link #JOIN_DEADLINE} or {@link #SILENCE_TIMEOUT}. */
    public static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    /**
     * Jetty closes a connection after this long without reading or writing on it. The server's own
     * pings count as writing, so an idle page stays; what it ends is a connection whose writes are
     * stuck, such as a slow reader that was told to go and never read its close frame.
     */
    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(1);

    /**
     * How often the server pings every connection, so that proxies and NAT routers, which drop
     * connections they see idle, see traffic. Browsers answer with a pong by themselves; Javalin 7
     * does not tell the app about pongs, so they do not show whether a peer is still there (see
     * {@link #SILENCE_TIMEOUT} for what does).
     */
    public static final Duration PING_INTERVAL = Duration.ofSeconds(30);

    /**
     * When the server stops, this is how long Jetty gives the connections to close with 1001. Past it,
     * Jetty gives up on them and the stop fails: a busy laptop needs more than a second or two.
     */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private Limits() {
    }
}
