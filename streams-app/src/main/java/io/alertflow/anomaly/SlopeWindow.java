package io.alertflow.anomaly;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The trend of a metric over one time window: a time-weighted least-squares line through the samples after
 * a running median, read as a slope per hour and the fitted level at the window's start.
 *
 * <p>Robustness against a single spike comes from the running median (5 neighbouring samples): it removes
 * any run of up to two outliers completely while leaving a monotone trend untouched, so one 5x sample does
 * not tilt the line at all. Plain least squares without it would: a spike at the window's end tilts a
 * 15-minute window by more than 100 %/h and keeps it tilted for several evaluations, so "N evaluations in a
 * row" alone would not be enough. Theil-Sen (median of pairwise slopes) is equally robust but costs
 * O(n^2) per evaluation and has no natural time weighting.
 *
 * <p>Irregular sampling: each sample weighs the time it stands for (half the gap to each neighbour, each
 * half capped at {@code window / (2 * minSamples)}), so a burst of samples does not outvote the rest of the
 * window and a sample next to a gap does not stand for the whole gap. A window needs at least
 * {@code minSamples} samples spanning at least half of it, otherwise there is no verdict.
 *
 * <p>The fit also reports the slope's standard error, so a caller can ask for a slope that stands out of
 * the series' own noise and not only one above a threshold.
 */
public final class SlopeWindow {
    private static final double MS_PER_HOUR = 3_600_000.0;
    private static final int MEDIAN_RADIUS = 2;

    private SlopeWindow() {
    }

    /**
     * The fitted line of one window.
     *
     * @param slopePerHour   metric units per hour
     * @param levelAtStart   fitted value at the window's start: the series' baseline level
     * @param levelAtEnd     fitted value at the window's end
     * @param samples        samples used
     * @param standardError  standard error of the slope per hour, from a robust (MAD) estimate of the noise
     */
    public record Fit(double slopePerHour, double levelAtStart, double levelAtEnd, int samples, double standardError) {

        /** How many standard errors the slope is away from flat; infinite for a noise-free line. */
        public double tStatistic() {
            return standardError > 0 ? slopePerHour / standardError
                    : slopePerHour == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, slopePerHour);
        }

        /** Slope in % of the level at the window's start per hour; NaN when that level is not positive. */
        public double relativePctPerHour() {
            return levelAtStart > 0 ? 100.0 * slopePerHour / levelAtStart : Double.NaN;
        }
    }

    /** Fits the samples (sorted by time, all inside {@code [windowStart, windowEnd]}); empty when too few. */
    public static Optional<Fit> fit(List<Point> points, long windowStart, long windowEnd, int minSamples) {
        int n = points.size();
        long window = windowEnd - windowStart;
        if (n < minSamples || points.get(n - 1).at() - points.get(0).at() < window / 2) {
            return Optional.empty();
        }
        double[] y = runningMedian(points);
        double[] w = timeWeights(points, Math.max(1.0, window / (2.0 * minSamples)));
        double sw = 0, st = 0, sy = 0;
        for (int i = 0; i < n; i++) {
            double t = (points.get(i).at() - windowStart) / MS_PER_HOUR;
            sw += w[i];
            st += w[i] * t;
            sy += w[i] * y[i];
        }
        double tMean = st / sw;
        double yMean = sy / sw;
        double sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            double dt = (points.get(i).at() - windowStart) / MS_PER_HOUR - tMean;
            sxx += w[i] * dt * dt;
            sxy += w[i] * dt * (y[i] - yMean);
        }
        if (!(sxx > 0)) {
            return Optional.empty();
        }
        double slope = sxy / sxx;
        double start = yMean - slope * tMean;
        double end = yMean + slope * (window / MS_PER_HOUR - tMean);
        return Optional.of(new Fit(slope, start, end, n, standardError(points, w, windowStart, tMean, sxx, start, slope)));
    }

    /**
     * Var(slope) = sigma^2 * sum(w^2 dt^2) / sxx^2 for weighted least squares, with sigma estimated from the raw
     * residuals by their median absolute deviation: a spike must not inflate it and blind the detector for a
     * whole window, and the running median's smoothing must not deflate it.
     */
    private static double standardError(List<Point> points, double[] w, long windowStart, double tMean, double sxx,
                                        double start, double slope) {
        int n = points.size();
        double[] absResiduals = new double[n];
        double swwtt = 0;
        for (int i = 0; i < n; i++) {
            double t = (points.get(i).at() - windowStart) / MS_PER_HOUR;
            absResiduals[i] = Math.abs(points.get(i).value() - (start + slope * t));
            swwtt += w[i] * w[i] * (t - tMean) * (t - tMean);
        }
        Arrays.sort(absResiduals);
        double sigma = 1.4826 * absResiduals[n / 2];
        return sigma * Math.sqrt(swwtt) / sxx;
    }

    /** Median of each sample and its two neighbours on either side (fewer at the edges). */
    static double[] runningMedian(List<Point> points) {
        int n = points.size();
        double[] out = new double[n];
        double[] buf = new double[2 * MEDIAN_RADIUS + 1];
        for (int i = 0; i < n; i++) {
            int from = Math.max(0, i - MEDIAN_RADIUS);
            int to = Math.min(n - 1, i + MEDIAN_RADIUS);
            int len = to - from + 1;
            for (int j = 0; j < len; j++) {
                buf[j] = points.get(from + j).value();
            }
            Arrays.sort(buf, 0, len);
            out[i] = len % 2 == 1 ? buf[len / 2] : (buf[len / 2 - 1] + buf[len / 2]) / 2.0;
        }
        return out;
    }

    /** Half the gap to each neighbour, each half capped; an edge sample mirrors its inner half. */
    static double[] timeWeights(List<Point> points, double capMs) {
        int n = points.size();
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double left = i > 0 ? (points.get(i).at() - points.get(i - 1).at()) / 2.0 : Double.NaN;
            double right = i < n - 1 ? (points.get(i + 1).at() - points.get(i).at()) / 2.0 : Double.NaN;
            left = Double.isNaN(left) ? right : left;
            right = Double.isNaN(right) ? left : right;
            w[i] = Math.min(left, capMs) + Math.min(right, capMs);
        }
        return w;
    }
}
