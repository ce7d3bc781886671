package workshop.game;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.progress.Hint;

@DisplayName("Task 2: a fixed tick: every due tick runs, in order; late ones are counted, a stall is capped")
@Hint("TickLoop.runDue: while nextDue <= now, tick (onTick.accept) and add the interval; count lateness over Limits.LATE_TICK")
class Task2TickLoopTest {

    private static final long MS = 1_000_000;
    private static final long TICK = Limits.TICK.toNanos();
    private final List<Long> ran = new ArrayList<>();
    // The fake clock starts anywhere: System.nanoTime() has no fixed origin either.
    private final long start = 1_000_000_000_000L;
    private final TickLoop loop = new TickLoop(Limits.TICK, start, ran::add);

    @Test
    @DisplayName("one second of a fake clock runs 20 ticks, numbered 1 to 20")
    void oneSecond() {
        for (long now = start; now <= start + 1000 * MS; now += MS) {
            loop.runDue(now);
        }
        assertEquals(LongStream.rangeClosed(1, 20).boxed().toList(), ran,
                "the ticks onTick was given while the fake clock went from 0 to 1000 ms, 1 ms at a time (TickLoop.runDue)");
        assertEquals(20, loop.ticks(), "loop.ticks() after one second");
    }

    @Test
    @DisplayName("no tick before it is due, and runDue says when the next one is")
    void notBefore() {
        assertEquals(start + TICK, loop.runDue(start + TICK - 1), "runDue 1 ns before the first tick: returns when tick 1 is due");
        assertEquals(List.of(), ran, "ticks run before the first was due");
        assertEquals(start + 3 * TICK, loop.runDue(start + 2 * TICK + 20 * MS), "runDue 20 ms after tick 2 was due: returns when tick 3 is due, not 50 ms from now");
        assertEquals(List.of(1L, 2L), ran, "the ticks run by then");
    }

    @Test
    @DisplayName("ticks on time are not late; one that starts more than Limits.LATE_TICK after it was due is")
    void late() {
        loop.runDue(start + TICK);
        loop.runDue(start + 2 * TICK + Limits.LATE_TICK.toNanos());
        assertEquals(0, loop.lateTicks(), "late ticks, after one on time and one exactly Limits.LATE_TICK late");
        loop.runDue(start + 3 * TICK + Limits.LATE_TICK.toNanos() + 1);
        assertEquals(1, loop.lateTicks(), "late ticks, after one more that ran 1 ns past Limits.LATE_TICK");
    }

    @Test
    @DisplayName("after a stall of 260 ms, the missed ticks all run, in order, and count as late")
    void stall() {
        loop.runDue(start + 305 * MS);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), ran, "ticks run at 305 ms, the first call: the ones due at 50, 100, ..., 300 ms");
        assertEquals(5, loop.lateTicks(), "late ticks: those due at 50 to 250 ms ran over 10 ms late, the one due at 300 ms 5 ms late");
    }

    @Test
    @DisplayName("after a stall of 10 s, at most Limits.MAX_CATCH_UP_TICKS run at once; the rest are skipped and counted")
    void longStall() {
        long next = loop.runDue(start + 10_000 * MS);
        assertEquals(Limits.MAX_CATCH_UP_TICKS, ran.size(), "ticks run at once after 10 s without a call (200 were due)");
        assertEquals(200 - Limits.MAX_CATCH_UP_TICKS, loop.skippedTicks(), "loop.skippedTicks(): every due tick either runs or is counted as skipped");
        assertEquals(start + 10_050 * MS, next, "when the next tick is due after the catch-up");
    }
}
