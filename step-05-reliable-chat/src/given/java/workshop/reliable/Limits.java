package workshop.reliable;

import java.time.Duration;

/**
 * Every limit of the reliable chat, in one place: change them here. The step README has the same
 * table, and the tests read these constants, so they keep passing when you change a value.
 */
public final class Limits {

    /** Longest nickname, in characters (code points) after NFKC and trimming. The page counts the same way. */
    public static final int MAX_NAME_LENGTH = 20;

    /** Longest text of a chat message, in characters (code points). The page counts the same way. */
    public static final int MAX_TEXT_LENGTH = 500;

    /**
     * How many recent messages the room keeps. A newcomer gets them all; a member coming back gets
     * those it missed, and when it missed more than this, the welcome's {@code missed} says how many
     * are gone for good.
     */
    public static final int HISTORY_SIZE = 50;

    /** Longest {@code clientId}, in characters: a random id fits many times over; a megabyte does not. */
    public static final int MAX_CLIENT_ID_LENGTH = 64;

    /**
     * How many (sender, clientId) pairs the room remembers to recognise a resend, for the whole room:
     * a resend comes seconds after the original, and a bounded memory cannot grow with the members.
     */
    public static final int REMEMBERED_SENDS = 1_000;

    /** Rate limit, a token bucket per connection: this many messages in a burst... */
    public static final int RATE_LIMIT_BURST = 10;

    /** ...and this many more for every second that passes. */
    public static final int RATE_LIMIT_PER_SECOND = 2;

    /**
     * Largest WebSocket message the server reads, in bytes. Jetty closes a connection that sends a
     * bigger one with 1009 (message too big) before the room sees it.
     */
    public static final int MAX_MESSAGE_BYTES = 8 * 1024;

    /**
     * The outgoing budget of one connection: frames handed to Jetty and not yet written to the
     * network. A member whose frames pile up past it does not read (a stalled network, a frozen
     * tab): the server drops the connection rather than keep its backlog in memory, and the member
     * catches up when it comes back (gorilla/websocket's chat example uses 256 too).
     */
    public static final int MAX_QUEUED_FRAMES = 256;

    /** How long a login token is good for. The page renews it before every (re)connect. */
    public static final Duration TOKEN_LIFETIME = Duration.ofMinutes(10);

    /** Most open chat connections at once; past it, upgrades get 503 before a socket exists. */
    public static final int MAX_CONNECTIONS = 500;

    /** A refused upgrade's {@code Retry-After}, in seconds, is drawn between these two, so pages spread out. */
    public static final int RETRY_AFTER_MIN_SECONDS = 1;

    public static final int RETRY_AFTER_MAX_SECONDS = 30;

    /** Jetty closes a connection after this long without reading or writing on it; see step 4. */
    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);

    /** How often the server pings every connection, so that proxies and NAT routers see traffic. */
    public static final Duration PING_INTERVAL = Duration.ofSeconds(30);

    /** When the server stops, this is how long Jetty gives the connections to close with 1001. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(2);

    private Limits() {
    }
}
