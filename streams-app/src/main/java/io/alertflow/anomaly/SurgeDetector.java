package io.alertflow.anomaly;

import java.util.Locale;

/**
 * Decides, one closed minute at a time, whether a service's alert rate surges above its EWMA baseline.
 *
 * <p>A minute is a surge when the baseline is warm, the count is at least {@code minCount} and at least
 * {@code ratio} times the baseline. The first surging minute raises one anomaly; it stays raised until a
 * minute falls back under the baseline band {@code max(baseline * clearRatio, minCount)}, which clears it.
 * The gap between {@code ratio} and {@code clearRatio} is hysteresis: a storm that wobbles around the
 * threshold is one anomaly, not several.
 *
 * <p>While a surge is open the baseline learns each minute clamped to {@code baseline * clearRatio}. It must
 * not learn the surge itself: an EWMA fed 40/min would soon call 40/min normal, clear the anomaly while the
 * storm still rages and hide the next storm behind an inflated baseline. A full freeze has the opposite
 * flaw, a real permanent shift would stay "surging" forever; the clamp lets the baseline grow by at most
 * {@code alpha * (clearRatio - 1)} per minute (about 2 %/min with the defaults), so a 5-minute storm moves
 * it by about a tenth while a lasting 20x step becomes the new normal after a couple of hours.
 */
public final class SurgeDetector {
    /** Length of one counting bucket. */
    public static final long MINUTE_MS = 60_000L;

    private final double ratio;
    private final long minCount;
    private final double clearRatio;
    private final double alpha;
    private final long warmupMinutes;

    /** A detector with the given thresholds; {@code alpha} is the EWMA smoothing factor per minute. */
    public SurgeDetector(double ratio, long minCount, double clearRatio, double alpha, long warmupMinutes) {
        if (!(ratio > 1) || minCount < 1 || !(clearRatio >= 1) || clearRatio > ratio || !(alpha > 0 && alpha <= 1)
                || warmupMinutes < 0) {
            throw new IllegalArgumentException("need ratio > 1, min-count >= 1, 1 <= clear-ratio <= ratio, "
                    + "0 < alpha <= 1, warm-up >= 0");
        }
        this.ratio = ratio;
        this.minCount = minCount;
        this.clearRatio = clearRatio;
        this.alpha = alpha;
        this.warmupMinutes = warmupMinutes;
    }

    /** The detector configured by the settings. */
    public static SurgeDetector from(AnomalySettings s) {
        double halfLifeMinutes = s.surgeBaselineHalfLife().toMillis() / (double) MINUTE_MS;
        return new SurgeDetector(s.surgeRatio(), s.surgeMinCount(), s.surgeClearRatio(),
                Ewma.alphaForHalfLife(halfLifeMinutes), s.surgeWarmup().toMillis() / MINUTE_MS);
    }

    /** The state after one closed minute, and the verdict it produced (null when nothing changed). */
    public record Step(SurgeState state, Detection detection) {
    }

    /** Feeds the count of the minute starting at {@code minuteStart}; minutes must come in order, gaps as 0. */
    public Step observe(SurgeState s, String service, long minuteStart, long count) {
        double base = s.baseline().value();
        double band = Math.max(base * clearRatio, minCount);
        long minuteEnd = minuteStart + MINUTE_MS;
        if (!s.raised()) {
            if (isSurge(s.baseline(), count)) {
                Ewma learned = s.baseline().update(Math.min(count, base * clearRatio), alpha);
                SurgeState next = new SurgeState(learned, true, minuteStart, count, minuteStart, s.lastCountedAt());
                return new Step(next, new Detection(false, base, count, minuteStart, minuteEnd, raisedDetail(service, base, count)));
            }
            return new Step(settled(s, s.baseline().update(count, alpha), minuteStart), null);
        }
        if (count < band) {
            Detection cleared = new Detection(true, base, count, s.surgeStart(), minuteEnd,
                    clearedDetail(service, base, count, s.surgeStart(), minuteStart, s.peak()));
            return new Step(settled(s, s.baseline().update(count, alpha), minuteStart), cleared);
        }
        Ewma learned = s.baseline().update(Math.min(count, base * clearRatio), alpha);
        SurgeState next = new SurgeState(learned, true, s.surgeStart(), Math.max(s.peak(), count), minuteStart,
                s.lastCountedAt());
        return new Step(next, null);
    }

    /** True when a minute with this count would raise against this baseline. */
    public boolean isSurge(Ewma baseline, long count) {
        return baseline.isWarm(warmupMinutes) && count >= minCount && count >= ratio * baseline.value();
    }

    private static SurgeState settled(SurgeState s, Ewma baseline, long minuteStart) {
        return new SurgeState(baseline, false, 0, 0, minuteStart, s.lastCountedAt());
    }

    private String raisedDetail(String service, double base, long count) {
        return String.format(Locale.ROOT, "alert rate of %s surged to %d/min, %s its baseline of %.1f/min "
                + "(threshold %.1fx and at least %d/min)", service, count, times(count, base), base, ratio, minCount);
    }

    private static String clearedDetail(String service, double base, long count, long surgeStart, long minuteStart,
                                        long peak) {
        long minutes = (minuteStart - surgeStart) / MINUTE_MS;
        return String.format(Locale.ROOT, "alert rate of %s back to %d/min (baseline %.1f/min) after a surge of "
                + "%d min peaking at %d/min", service, count, base, minutes, peak);
    }

    private static String times(long count, double base) {
        return base > 0 ? String.format(Locale.ROOT, "%.1fx", count / base) : "far above";
    }
}
