package workshop.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket: it holds up to {@code burst} tokens, refills {@code perSecond} of them every
 * second, and each message costs one. A person chatting never runs out; a script flooding the room does.
 *
 * <p>One per connection. Not thread-safe on its own: {@link Connection#admit} calls it under its lock.
 */
public final class RateLimiter {

    private static final double NANOS_PER_SECOND = 1e9;

    private final Clock clock;
    private final int burst;
    private final int perSecond;
    private double tokens;
    private Instant refilled;

    public RateLimiter(Clock clock, int burst, int perSecond) {
        this.clock = clock;
        this.burst = burst;
        this.perSecond = perSecond;
        this.tokens = burst;
        this.refilled = clock.instant();
    }

    /** Takes a token if there is one. */
    public boolean tryAcquire() {
        Instant now = clock.instant();
        double earned = Duration.between(refilled, now).toNanos() * perSecond / NANOS_PER_SECOND;
        tokens = Math.min(burst, tokens + Math.max(0, earned));
        refilled = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
