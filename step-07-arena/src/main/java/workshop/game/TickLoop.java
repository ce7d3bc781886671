package workshop.game;

import java.time.Duration;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed tick: tick n is due {@code n} intervals after the start, whatever the last one cost. The
 * loop never reads a clock of its own: the caller passes the time in, so a test moves a fake clock
 * and counts ticks, and the game passes {@code System.nanoTime()}.
 */
public final class TickLoop {

    private static final Logger log = LoggerFactory.getLogger(TickLoop.class);

    private final long intervalNanos;
    private final long lateNanos;
    private final LongConsumer onTick;
    private long nextDue;
    private long ticks;
    private long late;
    private long skipped;

    /** The first tick is due one interval after {@code startNanos}; {@code onTick} gets the tick's number, from 1. */
    public TickLoop(Duration interval, long startNanos, LongConsumer onTick) {
        this.intervalNanos = interval.toNanos();
        this.lateNanos = Limits.LATE_TICK.toNanos();
        this.onTick = onTick;
        this.nextDue = startNanos + intervalNanos;
    }

    /**
     * Runs every tick that is due at {@code nowNanos}, in order, and returns when the next one is due.
     * A tick that runs more than {@link Limits#LATE_TICK} after it was due is counted and logged; after
     * a stall, at most {@link Limits#MAX_CATCH_UP_TICKS} run at once, and the skipped ones are counted
     * and logged.
     */
    public long runDue(long nowNanos) {
        // TODO 2: run each tick due by nowNanos (onTick.accept(ticks)), count and log late ones; after a stall run at most Limits.MAX_CATCH_UP_TICKS, skip and count the rest
        return nowNanos + intervalNanos;
    }

    /** Ticks run so far. */
    public long ticks() {
        return ticks;
    }

    /** Ticks that ran later than {@link Limits#LATE_TICK}. */
    public long lateTicks() {
        return late;
    }

    /** Ticks skipped after stalls longer than {@link Limits#MAX_CATCH_UP_TICKS}. */
    public long skippedTicks() {
        return skipped;
    }
}
