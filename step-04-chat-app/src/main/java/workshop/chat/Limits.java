package workshop.chat;

import java.time.Duration;

/**
 * Every limit of the chat, in one place: change them here. The step README has the same table, and
 * the tests read these constants, so they keep passing when you change a value.
 */
public final class Limits {

    /** Longest nickname, in characters, after trimming. The page's {@code maxlength} mirrors it. */
    public static final int MAX_NAME_LENGTH = 20;

    /** Longest text of a chat message, in characters (code points). The page's {@code maxlength} mirrors it. */
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

    /** Jetty closes a connection that has been silent for this long... */
    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);

    /** ...so the server pings every connection this often; browsers answer pings by themselves. */
    public static final Duration PING_INTERVAL = Duration.ofSeconds(30);

    /** When the server stops, this is how long Jetty gives the connections to close with 1001. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(2);

    private Limits() {
    }
}
