package workshop.reliable;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;

/**
 * How many chat connections are open, and whether one more may open. The app asks before every
 * upgrade and answers 503 with a {@code Retry-After} when the server is full: a refusal costs an
 * HTTP response, not a socket and a member in the room.
 *
 * <p>Thread-safe: upgrades come on Jetty's threads, and the count of open connections is the hub's
 * ({@code Hub.open()}), safe to read from any thread. It moves when a socket opens or closes, so
 * upgrades that pass the check at the same moment can overshoot it by a few: the limit protects the
 * server's memory, and a few over does no harm to it.
 */
public final class Admission {

    private final int maxConnections;
    private final IntSupplier open;

    /** @param open how many chat connections are open now */
    public Admission(int maxConnections, IntSupplier open) {
        this.maxConnections = maxConnections;
        this.open = open;
    }

    /** Whether one more connection may open now. */
    public boolean hasRoom() {
        // TODO 4: room while fewer than maxConnections are open
        return true;
    }

    /**
     * How long a refused client should wait, in seconds. Drawn at random for each refusal: refused
     * together, told the same number, a crowd would come back together and be refused together again.
     */
    public int retryAfterSeconds() {
        // TODO 4: a random whole number from RETRY_AFTER_MIN_SECONDS to RETRY_AFTER_MAX_SECONDS (ThreadLocalRandom)
        return Limits.RETRY_AFTER_MIN_SECONDS;
    }
}
