package io.alertflow.anomaly;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/** Seeded synthetic inputs for the done-when cases of issue 5, shared by the math and the Kafka tests. */
final class Scenarios {
    static final long SECOND = 1_000L;
    static final long MINUTE = 60_000L;
    static final long HOUR = 3_600_000L;
    /** 2026-01-05T00:00:00Z, a round epoch so ticks and minutes align. */
    static final long T0 = 1_767_571_200_000L;
    static final long SAMPLE_EVERY = 15 * SECOND;

    private Scenarios() {
    }

    /** p99 latency from 200 ms rising 1 %/min (compounding), +-5 % uniform noise, every 15 s. */
    static List<Point> risingLatency(long seed, long duration) {
        return risingLatency(seed, duration, 0);
    }

    /** The same rise starting at {@link #T0}, after {@code flatBefore} of a flat 200 ms with the same noise. */
    static List<Point> risingLatency(long seed, long duration, long flatBefore) {
        Random r = new Random(seed);
        List<Point> out = new ArrayList<>();
        for (long t = -flatBefore; t < duration; t += SAMPLE_EVERY) {
            out.add(new Point(T0 + t, trendOfRisingLatency(T0 + Math.max(0, t)) * (1 + noise(r, 0.05))));
        }
        return out;
    }

    /** The noise-free latency of {@link #risingLatency} at a time. */
    static double trendOfRisingLatency(long at) {
        return 200.0 * Math.pow(1.01, (at - T0) / (double) MINUTE);
    }

    /** When the noise-free rising latency reaches a level. */
    static long risingLatencyReaches(double level) {
        return T0 + (long) Math.ceil(Math.log(level / 200.0) / Math.log(1.01) * MINUTE);
    }

    /** A flat series at 100 with +-10 % noise and a single 5x sample roughly every 2 h. */
    static List<Point> flatWithSpikes(long seed, long duration) {
        Random r = new Random(seed);
        List<Point> out = new ArrayList<>();
        long nextSpike = T0 + 90 * MINUTE + r.nextInt(60) * SAMPLE_EVERY;
        for (long t = T0; t < T0 + duration; t += SAMPLE_EVERY) {
            double v = 100 * (1 + noise(r, 0.10));
            if (t >= nextSpike) {
                v *= 5;
                nextSpike = t + 2 * HOUR + (r.nextInt(40) - 20) * SAMPLE_EVERY;
            }
            out.add(new Point(t, v));
        }
        return out;
    }

    /** How many spikes {@link #flatWithSpikes} placed (values above 3x the level). */
    static long spikes(List<Point> points) {
        return points.stream().filter(p -> p.value() > 300).count();
    }

    /** Alerts per minute: {@code normal} warm-up minutes at ~2/min, 5 minutes at 20x, then {@code after} at ~2/min. */
    static long[] stormCounts(long seed, int normal, int after) {
        Random r = new Random(seed);
        long[] counts = new long[normal + 5 + after];
        for (int m = 0; m < counts.length; m++) {
            boolean storm = m >= normal && m < normal + 5;
            counts[m] = poisson(r, storm ? 40.0 : 2.0);
        }
        return counts;
    }

    /** Event times of the alerts behind per-minute counts starting at {@link #T0}, spread inside each minute. */
    static List<Long> alertTimes(long seed, long[] counts) {
        Random r = new Random(seed);
        List<Long> out = new ArrayList<>();
        for (int m = 0; m < counts.length; m++) {
            List<Long> minute = new ArrayList<>();
            for (int i = 0; i < counts[m]; i++) {
                minute.add(T0 + m * MINUTE + r.nextInt((int) MINUTE));
            }
            minute.sort(Comparator.naturalOrder());
            out.addAll(minute);
        }
        return out;
    }

    /** The same samples in an arrival order where each one is delayed by less than {@code grace}. */
    static List<Point> shuffledWithin(List<Point> points, long grace, long seed) {
        Random r = new Random(seed);
        record Arrival(Point p, long arrivesAt) {
        }
        List<Arrival> arrivals = new ArrayList<>();
        for (Point p : points) {
            arrivals.add(new Arrival(p, p.at() + (long) (r.nextDouble() * (grace - 1))));
        }
        arrivals.sort(Comparator.comparingLong(Arrival::arrivesAt));
        return arrivals.stream().map(Arrival::p).toList();
    }

    private static double noise(Random r, double amplitude) {
        return (r.nextDouble() * 2 - 1) * amplitude;
    }

    private static long poisson(Random r, double mean) {
        double limit = Math.exp(-mean);
        double product = r.nextDouble();
        long k = 0;
        while (product > limit) {
            product *= r.nextDouble();
            k++;
        }
        return k;
    }
}
