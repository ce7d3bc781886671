package workshop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Latencies: nearest-rank percentiles of what was recorded")
class LatenciesTest {

    @Test
    @DisplayName("of 1..100, p50 is 50, p99 is 99 and p100 is 100")
    void hundredValues() {
        long[] sorted = LongStream.rangeClosed(1, 100).toArray();
        assertEquals(50, Latencies.percentile(sorted, 0.50));
        assertEquals(99, Latencies.percentile(sorted, 0.99));
        assertEquals(100, Latencies.percentile(sorted, 1.0));
        assertEquals(1, Latencies.percentile(sorted, 0.001));
    }

    @Test
    @DisplayName("p99 of ten values is the largest: the rank rounds up, never below what was measured")
    void tenValues() {
        long[] sorted = LongStream.rangeClosed(1, 10).map(v -> v * 10).toArray();
        assertEquals(100, Latencies.percentile(sorted, 0.99));
        assertEquals(50, Latencies.percentile(sorted, 0.50));
        assertEquals(60, Latencies.percentile(sorted, 0.51));
    }

    @Test
    @DisplayName("one value is every percentile")
    void oneValue() {
        assertEquals(7, Latencies.percentile(new long[] {7}, 0.5));
        assertEquals(7, Latencies.percentile(new long[] {7}, 0.99));
    }

    @Test
    @DisplayName("no values, or a fraction outside (0, 1], is refused")
    void refused() {
        assertThrows(IllegalArgumentException.class, () -> Latencies.percentile(new long[0], 0.5));
        assertThrows(IllegalArgumentException.class, () -> Latencies.percentile(new long[] {1}, 0));
        assertThrows(IllegalArgumentException.class, () -> Latencies.percentile(new long[] {1}, 1.5));
    }

    @Test
    @DisplayName("records in any order, reports in milliseconds, counts duplicates beyond the expected but keeps none")
    void recorder() {
        Latencies latencies = new Latencies(4);
        for (long millis : new long[] {4, 1, 3, 2, 100}) {
            latencies.record(millis * 1_000_000);
        }
        assertEquals(5, latencies.count());
        assertEquals(2.0, latencies.percentileMillis(0.5));
        assertEquals(4.0, latencies.percentileMillis(0.99), "the fifth (unexpected) delivery is not kept");
        assertTrue(Double.isNaN(new Latencies(3).percentileMillis(0.5)), "nothing recorded: no figure");
    }
}
