package workshop.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Delivery latencies of one run, in nanoseconds, recorded from many client threads at once. It keeps
 * at most as many as the run expects; more deliveries than that (a duplicate) are counted, not kept.
 */
final class Latencies {

    private final AtomicLongArray nanos;
    private final AtomicInteger count = new AtomicInteger();

    Latencies(int expected) {
        nanos = new AtomicLongArray(expected);
    }

    void record(long latencyNanos) {
        int i = count.getAndIncrement();
        if (i < nanos.length()) {
            nanos.set(i, latencyNanos);
        }
    }

    /** How many deliveries were recorded, duplicates included. */
    int count() {
        return count.get();
    }

    /** The latency that a fraction {@code q} of the recorded deliveries did not exceed, in milliseconds. */
    double percentileMillis(double q) {
        long[] sorted = new long[Math.min(count.get(), nanos.length())];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = nanos.get(i);
        }
        Arrays.sort(sorted);
        return sorted.length == 0 ? Double.NaN : percentile(sorted, q) / 1e6;
    }

    /**
     * The nearest-rank percentile: the smallest value with at least a fraction {@code q} of the values at
     * or below it. Unlike interpolation, it is always a latency that was measured.
     */
    static long percentile(long[] sorted, double q) {
        if (sorted.length == 0 || q <= 0 || q > 1) {
            throw new IllegalArgumentException("need values and 0 < q <= 1, got " + sorted.length + " values, q=" + q);
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[rank - 1];
    }
}
