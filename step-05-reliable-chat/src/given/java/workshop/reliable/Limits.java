package workshop.reliable;

import java.time.Duration;

/**
 * The limits step 5 adds, in one place: change them here. Step 4's (names, texts, history, rate,
 * sizes, liveness) are the chat core's, in {@link workshop.core.Limits}. The step README has both in
 * one table, and the tests read these constants, so they keep passing when you change a value.
 */
public final class Limits {

    /** Longest {@code clientId}, in characters: a random id fits many times over; a megabyte does not. */
    public static final int MAX_CLIENT_ID_LENGTH = 64;

    /**
     * How many (sender, clientId) pairs the room remembers to recognise a resend, for the whole room:
     * a resend comes seconds after the original, and a bounded memory cannot grow with the members.
     */
    public static final int REMEMBERED_SENDS = 1_000;

    /** How long a login token is good for. The page renews it before every (re)connect. */
    public static final Duration TOKEN_LIFETIME = Duration.ofMinutes(10);

    /** Most open chat connections at once; past it, upgrades get 503 before a socket exists. */
    public static final int MAX_CONNECTIONS = 500;

    /** A refused upgrade's {@code Retry-After}, in seconds, is drawn between these two, so pages spread out. */
    public static final int RETRY_AFTER_MIN_SECONDS = 1;

    public static final int RETRY_AFTER_MAX_SECONDS = 30;

    // Step 4's, from the chat core, named here too so that this step's code and tests read one class.

    public static final int MAX_NAME_LENGTH = workshop.core.Limits.MAX_NAME_LENGTH;
    public static final int MAX_TEXT_LENGTH = workshop.core.Limits.MAX_TEXT_LENGTH;
    /** Also how many messages a member coming back can be replayed; {@code missed} counts the rest. */
    public static final int HISTORY_SIZE = workshop.core.Limits.HISTORY_SIZE;
    public static final int RATE_LIMIT_BURST = workshop.core.Limits.RATE_LIMIT_BURST;
    public static final int RATE_LIMIT_PER_SECOND = workshop.core.Limits.RATE_LIMIT_PER_SECOND;

    private Limits() {
    }
}
