package io.alertflow.anomaly;

/**
 * An exponentially weighted moving average that knows how many observations it has seen, so callers can
 * refuse a verdict until it is warm.
 *
 * <p>Until {@code 1/alpha} observations have been seen it is the plain mean of them (the weight of a new
 * observation is {@code max(alpha, 1/n)}): a classic EWMA seeded with the first value would let one
 * unusual first minute dominate the baseline for a long time.
 *
 * @param value the current average (0 before the first observation)
 * @param count how many observations went in
 */
public record Ewma(double value, long count) {

    /** An average that has seen nothing. */
    public static Ewma empty() {
        return new Ewma(0.0, 0);
    }

    /** The smoothing factor whose weights halve every {@code halfLifeSteps} observations. */
    public static double alphaForHalfLife(double halfLifeSteps) {
        if (!(halfLifeSteps > 0)) {
            throw new IllegalArgumentException("half-life must be positive, got " + halfLifeSteps);
        }
        return 1.0 - Math.pow(0.5, 1.0 / halfLifeSteps);
    }

    /** This average after one more observation, with smoothing factor {@code alpha} in (0, 1]. */
    public Ewma update(double observation, double alpha) {
        long n = count + 1;
        double weight = Math.max(alpha, 1.0 / n);
        return new Ewma(value + weight * (observation - value), n);
    }

    /** True once at least {@code warmup} observations went in. */
    public boolean isWarm(long warmup) {
        return count >= warmup;
    }
}
