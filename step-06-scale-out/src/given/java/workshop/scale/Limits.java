package workshop.scale;

import java.time.Duration;

/**
 * The limits step 6 adds, in one place: change them here. Step 4's (names, texts, history, rate,
 * sizes, liveness) are the chat core's, in {@link workshop.core.Limits}. The step README has both in
 * one table, and the tests read these constants, so they keep passing when you change a value.
 */
public final class Limits {

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

    // Step 4's, from the chat core, named here too so that this step's code and tests read one class.

    public static final int MAX_TEXT_LENGTH = workshop.core.Limits.MAX_TEXT_LENGTH;
    /** Also how many messages the Redis Stream keeps, and replays at most. */
    public static final int HISTORY_SIZE = workshop.core.Limits.HISTORY_SIZE;
    public static final int RATE_LIMIT_BURST = workshop.core.Limits.RATE_LIMIT_BURST;
    public static final int RATE_LIMIT_PER_SECOND = workshop.core.Limits.RATE_LIMIT_PER_SECOND;

    private Limits() {
    }
}
