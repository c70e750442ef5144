package io.alertflow.bench.latency;

import java.util.Arrays;
import java.util.Locale;

/** p50/p99/max of a set of latencies in milliseconds. */
public record Percentiles(int count, long p50, long p99, long max) {

    /** The percentiles of {@code millis} (sorted in place); all zero when empty. */
    public static Percentiles of(long[] millis) {
        if (millis.length == 0) {
            return new Percentiles(0, 0, 0, 0);
        }
        Arrays.sort(millis);
        return new Percentiles(millis.length, at(millis, 0.50), at(millis, 0.99), millis[millis.length - 1]);
    }

    private static long at(long[] sorted, double p) {
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1))];
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "p50 %d ms, p99 %d ms, max %d ms (%,d records)", p50, p99, max, count);
    }
}
