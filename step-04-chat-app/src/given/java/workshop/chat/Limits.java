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

    /**
     * Jetty closes a connection after this long without reading or writing on it. The server's own
     * pings count as writing, so while they run this closes nothing; it must only stay longer than
     * {@link #PING_INTERVAL}, which Jetty's default of 30 seconds is not.
     */
    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);

    /**
     * How often the server pings every connection, so that proxies and NAT routers, which drop
     * connections they see idle, see traffic. Browsers answer with a pong by themselves. The pings do
     * not notice a peer that vanished without closing (a laptop shut, a network gone): nothing checks
     * that the pongs come back (Javalin 7 does not report them), so such a connection stays until TCP
     * gives up delivering the pings, about 15 minutes with Linux's defaults. Steps 2 and 3 do check
     * ({@code setConnectionLostTimeout}).
     */
    public static final Duration PING_INTERVAL = Duration.ofSeconds(30);

    /** When the server stops, this is how long Jetty gives the connections to close with 1001. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(2);

    private Limits() {
    }
}
