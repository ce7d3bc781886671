package workshop.reliable;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many chat connections are open, and whether one more may open. The app asks before every
 * upgrade and answers 503 with a {@code Retry-After} when the server is full: a refusal costs an
 * HTTP response, not a socket and a member in the room.
 *
 * <p>Thread-safe: upgrades and closes come on Jetty's threads. The count moves when a socket opens
 * or closes, so upgrades that pass the check at the same moment can overshoot it by a few: the
 * limit protects the server's memory, and a few over does no harm to it.
 */
public final class Admission {

    private final int maxConnections;
    private final AtomicInteger open = new AtomicInteger();

    public Admission(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    /** Whether one more connection may open now. */
    public boolean hasRoom() {
        return open.get() < maxConnections;
    }

    /**
     * How long a refused client should wait, in seconds. Drawn at random for each refusal: refused
     * together, told the same number, a crowd would come back together and be refused together again.
     */
    public int retryAfterSeconds() {
        return ThreadLocalRandom.current().nextInt(Limits.RETRY_AFTER_MIN_SECONDS, Limits.RETRY_AFTER_MAX_SECONDS + 1);
    }

    public void opened() {
        open.incrementAndGet();
    }

    public void closed() {
        open.decrementAndGet();
    }

    public int open() {
        return open.get();
    }
}
