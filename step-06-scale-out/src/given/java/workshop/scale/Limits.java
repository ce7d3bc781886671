package workshop.scale;

import java.time.Duration;

/**
 * Every limit of the chat, in one place: change them here. The step README has the same table, and
 * the tests read these constants, so they keep passing when you change a value.
 */
public final class Limits {

    /** Longest text of a chat message, in characters (code points). The page's {@code data-max-chars} mirrors it. */
    public static final int MAX_TEXT_LENGTH = 500;

    /** How many recent messages the room keeps (the Redis Stream is trimmed to it), and replays at most. */
    public static final int HISTORY_SIZE = 50;

    /** Rate limit, a token bucket per connection: this many messages in a burst... */
    public static final int RATE_LIMIT_BURST = 10;

    /** ...and this many more for every second that passes. */
    public static final int RATE_LIMIT_PER_SECOND = 2;

    /** Largest WebSocket message the server reads, in bytes; Jetty closes a bigger one with 1009. */
    public static final int MAX_MESSAGE_BYTES = 8 * 1024;

    /**
     * The outgoing budget of one connection: how many messages may wait to be written to it. A
     * client that does not read (a slow reader, a peer that vanished) spends it, and is then dropped
     * from the room, so it costs the others nothing and the server a bounded amount of memory.
     */
    public static final int MAX_PENDING_SENDS = 256;

    /**
     * A name claimed in Redis lives this long unless its instance refreshes it. When an instance
     * crashes, its members leave everyone's list at most this long plus {@link #PRESENCE_REFRESH} later.
     */
    public static final Duration PRESENCE_TTL = Duration.ofSeconds(6);

    /** How often each instance refreshes its members' names, and looks for names that expired. */
    public static final Duration PRESENCE_REFRESH = Duration.ofSeconds(2);

    /** How long a Redis command may take before the instance counts Redis as gone. */
    public static final Duration REDIS_TIMEOUT = Duration.ofMillis(500);

    /** While Redis is gone, how long an instance waits between two attempts to subscribe again. */
    public static final Duration REDIS_RETRY = Duration.ofMillis(500);

    /**
     * The close code of a seat taken over (a code for applications, RFC 6455 §7.4.2), as in step 4: here,
     * another instance holds the member's name now, because this one lost touch with Redis for too long.
     */
    public static final int SEAT_TAKEN = 4001;

    /** Jetty closes a connection after this long without reading or writing (the pings count). */
    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);

    /** How often the server pings every connection, so that proxies and NAT routers see traffic. */
    public static final Duration PING_INTERVAL = Duration.ofSeconds(30);

    /** When the server stops, this is how long Jetty gives the connections to close with 1001. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(2);

    private Limits() {
    }
}
