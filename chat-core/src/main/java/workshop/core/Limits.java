package workshop.core;

import java.time.Duration;

/**
 * Every limit of the chat, in one place: change them here. Each step's README has the same table,
 * and the tests read these constants, so they keep passing when you change a value. The ones a test
 * needs short (liveness, the presence window) are also fields of {@link Hub.Settings}.
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

    /** ...and this many more for every second that passes. Checked on Jetty's thread, before anything is queued. */
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

    /**
     * Messages from clients waiting for the hub, all clients together. Each client's own rate limit
     * keeps it far below this; a message that finds the queue full closes its sender with 1008.
     */
    public static final int HUB_QUEUE = 10_000;

    /** Open connections in all, joined or not. {@code -Dlimits.connections=N} changes it. */
    public static final int CONNECTIONS = Integer.getInteger("limits.connections", 1000);

    /**
     * Open connections from one IP address. A classroom behind one NAT router shows as one address:
     * 40 laptops with a few tabs each must fit. {@code -Dlimits.connectionsPerAddress=N} changes it.
     */
    public static final int CONNECTIONS_PER_ADDRESS = Integer.getInteger("limits.connectionsPerAddress", 200);

    /** A connection that has not joined this long after it opened is closed with 1008. */
    public static final Duration JOIN_DEADLINE = Duration.ofSeconds(30);

    /** The server pings every connection this often (RFC 6455 §5.5.2); proxies and NAT routers see traffic. */
    public static final Duration PING_INTERVAL = Duration.ofSeconds(10);

    /**
     * A peer that sends nothing at all (no pong, no message) this long after a ping is taken for gone
     * and closed with 1001: a laptop shut, a network gone, a script that stopped reading.
     */
    public static final Duration PONG_DEADLINE = Duration.ofSeconds(20);

    /** So every client, page or not, that stops answering is gone within this: 30 s. */
    public static final Duration LIVENESS = PING_INTERVAL.plus(PONG_DEADLINE);

    /**
     * Presence notices ({@code joined}, {@code left}) are gathered this long and sent as one batch, so
     * a join storm of N costs each member a few notices, not N.
     */
    public static final Duration PRESENCE_WINDOW = Duration.ofMillis(200);

    /** How often the hub looks for connections past {@link #JOIN_DEADLINE} or {@link #PONG_DEADLINE}. */
    public static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    /**
     * Jetty closes a connection after this long without reading or writing on it. What it ends is a
     * connection whose writes are stuck, such as a slow reader that was told to go and never read its
     * close frame; liveness ({@link #LIVENESS}) ends the others sooner.
     */
    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(1);

    /**
     * permessage-deflate (RFC 7692): off. Every browser offers it; Node's {@code ws} declines it by
     * default, and so does this server: chat messages are small, a compressor per connection costs
     * memory, and compressing secrets next to text an attacker chooses leaks them under TLS (CRIME,
     * BREACH). {@code -Dchat.deflate=true} turns it back on, to measure.
     */
    public static final boolean DEFLATE = Boolean.getBoolean("chat.deflate");

    /**
     * When the server stops, this is how long Jetty gives the connections to close with 1001. Past it,
     * Jetty gives up on them and the stop fails: a busy laptop needs more than a second or two.
     */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private Limits() {
    }
}
