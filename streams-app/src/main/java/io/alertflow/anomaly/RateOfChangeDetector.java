package io.alertflow.anomaly;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Raises an anomaly when a metric series rises persistently: the {@link SlopeWindow} slope over the sliding
 * window, relative to the fitted level at the window's start, stays above both thresholds for
 * {@code consecutive} evaluations in a row; clears after as many evaluations in a row whose slope is under
 * half a threshold (hysteresis, so a rise that hovers at the threshold does not flap).
 *
 * <p>The baseline level is the fitted line's value at the window's start, not a long EWMA: it needs no
 * extra state that could itself learn the rise, and it answers the question an SRE asks ("how fast is it
 * climbing compared with where it was a window ago"). A series whose level is not positive has no relative
 * slope; it can only raise on the absolute threshold, when one is set.
 *
 * <p>The window must be long enough for the threshold to stand above the noise: over 15 minutes the slope of
 * a series with +-10 % noise has a standard error of about 10 %/h, so noise alone crosses a 30 %/h threshold
 * several times a day; over the default 30 minutes the error is about a third of that.
 *
 * <p>Evaluation ticks are aligned to the epoch every {@code step}; tick {@code T} uses the samples in
 * {@code (T - window, T]} and runs once the series' newest sample is more than {@code grace} past it. A
 * sample that arrives out of order but within the grace period is therefore always in place before any
 * window containing it is evaluated, so the verdicts do not depend on arrival order. A sample for an already
 * evaluated tick is rejected as late.
 */
public final class RateOfChangeDetector {
    /**
     * A rise must also stand out of the series' own noise: a slope under 3 standard errors is as likely to be
     * noise as trend, whatever the thresholds say (a noisy series, or a window still filling up).
     */
    static final double MIN_T_STATISTIC = 3.0;
    private final long window;
    private final long step;
    private final long grace;
    private final int minSamples;
    private final int consecutive;
    private final double minRisePct;
    private final double minRiseAbs;
    private final int maxSamples;

    /** A detector; durations in milliseconds, thresholds per hour, {@code minRiseAbs} 0 = off. */
    public RateOfChangeDetector(long window, long step, long grace, int minSamples, int consecutive,
                                double minRisePct, double minRiseAbs, int maxSamples) {
        this.window = window;
        this.step = step;
        this.grace = grace;
        this.minSamples = minSamples;
        this.consecutive = consecutive;
        this.minRisePct = minRisePct;
        this.minRiseAbs = minRiseAbs;
        this.maxSamples = maxSamples;
    }

    /** The detector configured by the settings. */
    public static RateOfChangeDetector from(AnomalySettings s) {
        return new RateOfChangeDetector(s.metricWindow().toMillis(), s.metricEvaluateEvery().toMillis(),
                s.metricGrace().toMillis(), s.metricMinSamples(), s.metricConsecutive(), s.metricMinRisePctPerHour(),
                s.metricMinRisePerHour(), s.metricMaxSamples());
    }

    /** What one sample did: a reason it was rejected (null when accepted) and the verdicts it completed. */
    public record Outcome(String rejection, List<Detection> detections) {
        static Outcome rejected(String why) {
            return new Outcome(why, List.of());
        }
    }

    /** Adds a sample to the series and runs every evaluation it makes due. */
    public Outcome add(SeriesState s, long at, double value) {
        if (!Double.isFinite(value)) {
            return Outcome.rejected("value " + value + " is not a finite number");
        }
        if (s.started() && at <= s.lastEvaluatedTick()) {
            return Outcome.rejected(String.format(Locale.ROOT, "sample at %d ms arrived after the grace period of %d ms "
                    + "(newest sample of the series is at %d ms); its window was already evaluated", at, grace, s.newestAt()));
        }
        if (!s.started()) {
            // Any sample within grace of this one is later than this tick, so it can still be accepted.
            s.start(floorTick(at - grace - 1));
        }
        s.insert(new Point(at, value));
        if (s.points().size() > maxSamples) {
            s.dropOldest();
        }
        return new Outcome(null, evaluateDue(s));
    }

    /** A verdict that clears a raised series that stopped reporting at {@code now}; empty when not raised. */
    public Optional<Detection> expire(SeriesState s, long now) {
        if (!s.raised()) {
            return Optional.empty();
        }
        s.raised(false);
        // No fit to report: baseline and slope are 0 and the detail says why.
        return Optional.of(new Detection(true, 0, 0, s.newestAt(), now, String.format(Locale.ROOT,
                "%s of %s stopped reporting; rate-of-change anomaly cleared", s.name(), s.service())));
    }

    private List<Detection> evaluateDue(SeriesState s) {
        List<Detection> out = new ArrayList<>();
        long limit = s.newestAt() - grace; // ticks strictly before this are final
        while (s.lastEvaluatedTick() + step < limit) {
            long tick = s.lastEvaluatedTick() + step;
            List<Point> pts = s.points();
            if (pts.isEmpty() || pts.get(0).at() > tick) {
                skipEmptyTicks(s, pts.isEmpty() ? Long.MAX_VALUE : pts.get(0).at(), limit);
                continue;
            }
            evaluate(s, tick).ifPresent(out::add);
            s.evaluated(tick);
            s.pruneThrough(tick + step - window);
        }
        return out;
    }

    /** Ticks before the first buffered sample have empty windows: no verdict, the streaks end. */
    private void skipEmptyTicks(SeriesState s, long firstAt, long limit) {
        long lastFinal = ceilTick(limit) - step;
        long beforeFirst = firstAt == Long.MAX_VALUE ? lastFinal : ceilTick(firstAt) - step;
        s.count(0, 0);
        s.evaluated(Math.max(s.lastEvaluatedTick() + step, Math.min(beforeFirst, lastFinal)));
    }

    private Optional<Detection> evaluate(SeriesState s, long tick) {
        long start = tick - window;
        Optional<SlopeWindow.Fit> fit = SlopeWindow.fit(s.between(start, tick), start, tick, minSamples);
        if (fit.isEmpty()) {
            s.count(0, 0); // too little data is no evidence either way
            return Optional.empty();
        }
        SlopeWindow.Fit f = fit.get();
        if (!s.raised()) {
            int above = isRising(f) ? s.above() + 1 : 0;
            s.count(above, 0);
            if (above < consecutive) {
                return Optional.empty();
            }
            s.raised(true);
            return Optional.of(new Detection(false, f.levelAtStart(), f.relativePctPerHour(), start, tick, raisedDetail(s, f)));
        }
        int calm = isCalm(f) ? s.calm() + 1 : 0;
        s.count(0, calm);
        if (calm < consecutive) {
            return Optional.empty();
        }
        s.raised(false);
        return Optional.of(new Detection(true, f.levelAtStart(), f.relativePctPerHour(), start, tick, clearedDetail(s, f)));
    }

    boolean isRising(SlopeWindow.Fit f) {
        if (f.tStatistic() < MIN_T_STATISTIC) {
            return false;
        }
        double rel = f.relativePctPerHour();
        boolean relative = Double.isNaN(rel) ? minRiseAbs > 0 : rel >= minRisePct;
        boolean absolute = minRiseAbs <= 0 || f.slopePerHour() >= minRiseAbs;
        return relative && absolute;
    }

    boolean isCalm(SlopeWindow.Fit f) {
        double rel = f.relativePctPerHour();
        boolean relativeCalm = !Double.isNaN(rel) && rel < minRisePct / 2;
        boolean absoluteCalm = minRiseAbs > 0 && f.slopePerHour() < minRiseAbs / 2;
        return relativeCalm || absoluteCalm || (Double.isNaN(rel) && minRiseAbs <= 0);
    }

    private String raisedDetail(SeriesState s, SlopeWindow.Fit f) {
        return String.format(Locale.ROOT, "%s of %s rising %.0f %%/h (%.3g per hour) over the last %d min: "
                        + "%.4g -> %.4g, %d evaluations in a row above %.0f %%/h",
                s.name(), s.service(), f.relativePctPerHour(), f.slopePerHour(), window / 60_000, f.levelAtStart(),
                f.levelAtEnd(), consecutive, minRisePct);
    }

    private String clearedDetail(SeriesState s, SlopeWindow.Fit f) {
        return String.format(Locale.ROOT, "%s of %s no longer rising: %.0f %%/h over the last %d min (level %.4g)",
                s.name(), s.service(), f.relativePctPerHour(), window / 60_000, f.levelAtEnd());
    }

    private long floorTick(long t) {
        return Math.floorDiv(t, step) * step;
    }

    private long ceilTick(long t) {
        return -Math.floorDiv(-t, step) * step;
    }
}
