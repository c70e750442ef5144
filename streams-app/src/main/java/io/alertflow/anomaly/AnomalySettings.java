package io.alertflow.anomaly;

import io.alertflow.config.ConfigSource;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Typed settings of the anomaly stage: alert-rate surge and metric rate-of-change thresholds, windows,
 * grace periods and store retention. {@link #DEFAULTS} lists every key with its default.
 *
 * @param surgeRatio             a minute surges when its count is at least this many times the baseline
 * @param surgeMinCount          ... and at least this many alerts (so 0 → 3 alerts is not a surge)
 * @param surgeClearRatio        a surge clears when a minute is under max(baseline x this, min-count)
 * @param surgeBaselineHalfLife  half-life of the per-minute EWMA baseline
 * @param surgeWarmup            no surge verdict until the baseline has seen this many minutes
 * @param surgeGrace             how late an alert may arrive and still be counted in its minute
 * @param surgeIdleRetention     a service without new alerts for this long loses its baseline (not while raised)
 * @param punctuateInterval      how often minutes are closed and surges evaluated (in the timer mode's time)
 * @param metricWindow           sliding window of the least-squares slope
 * @param metricEvaluateEvery    evaluation step of the sliding window (ticks aligned to the epoch)
 * @param metricGrace            how far a sample may lag the newest sample of its series and still count
 * @param metricMinSamples       a window with fewer samples gives no verdict
 * @param metricConsecutive      evaluations in a row needed to raise (and, calm, to clear)
 * @param metricMinRisePctPerHour relative threshold: slope in % of the level at the window start per hour
 * @param metricMinRisePerHour   absolute threshold in the metric's unit per hour; 0 = off
 * @param metricMaxSamples       cap on buffered samples per series (the oldest are dropped beyond it)
 * @param seriesRetention        a series without samples for this long is dropped (and cleared if raised)
 * @param cleanupInterval        how often the series store is scanned for retention
 */
public record AnomalySettings(double surgeRatio, long surgeMinCount, double surgeClearRatio,
                              Duration surgeBaselineHalfLife, Duration surgeWarmup, Duration surgeGrace,
                              Duration surgeIdleRetention, Duration punctuateInterval,
                              Duration metricWindow, Duration metricEvaluateEvery, Duration metricGrace,
                              int metricMinSamples, int metricConsecutive, double metricMinRisePctPerHour,
                              double metricMinRisePerHour, int metricMaxSamples, Duration seriesRetention,
                              Duration cleanupInterval) {

    public static final String SURGE_RATIO = "anomaly.surge.ratio";
    public static final String SURGE_MIN_COUNT = "anomaly.surge.min-count";
    public static final String SURGE_CLEAR_RATIO = "anomaly.surge.clear-ratio";
    public static final String SURGE_BASELINE_HALF_LIFE = "anomaly.surge.baseline-half-life";
    public static final String SURGE_WARMUP = "anomaly.surge.warmup";
    public static final String SURGE_GRACE = "anomaly.surge.grace";
    public static final String SURGE_IDLE_RETENTION = "anomaly.surge.idle-retention";
    public static final String PUNCTUATE_INTERVAL = "anomaly.punctuate-interval";
    public static final String METRIC_WINDOW = "anomaly.metric.window";
    public static final String METRIC_EVALUATE_EVERY = "anomaly.metric.evaluate-every";
    public static final String METRIC_GRACE = "anomaly.metric.grace";
    public static final String METRIC_MIN_SAMPLES = "anomaly.metric.min-samples";
    public static final String METRIC_CONSECUTIVE = "anomaly.metric.consecutive";
    public static final String METRIC_MIN_RISE_PCT_PER_HOUR = "anomaly.metric.min-rise-pct-per-hour";
    public static final String METRIC_MIN_RISE_PER_HOUR = "anomaly.metric.min-rise-per-hour";
    public static final String METRIC_MAX_SAMPLES = "anomaly.metric.max-samples";
    public static final String SERIES_RETENTION = "anomaly.series-retention";
    public static final String CLEANUP_INTERVAL = "anomaly.cleanup-interval";

    /** What each key means, for the configuration reference. */
    private static final Map<String, String> DOCS = Map.ofEntries(
            Map.entry(SURGE_RATIO, "a minute is a surge when its alert count is at least this many times the baseline..."),
            Map.entry(SURGE_MIN_COUNT, "...and at least this many alerts"),
            Map.entry(SURGE_CLEAR_RATIO, "a surge clears when a minute is under max(baseline x this, min-count)"),
            Map.entry(SURGE_BASELINE_HALF_LIFE, "half-life of the per-minute EWMA used as the surge baseline"),
            Map.entry(SURGE_WARMUP, "no surge verdict before a service has been observed this long"),
            Map.entry(SURGE_GRACE, "how late an alert may arrive and still count in its minute"),
            Map.entry(SURGE_IDLE_RETENTION, "a service with no alerts for this long loses its surge state (never while a surge is raised)"),
            Map.entry(PUNCTUATE_INTERVAL, "how often the surge detector closes minutes"),
            Map.entry(METRIC_WINDOW, "sliding window of the least-squares slope of a metric series"),
            Map.entry(METRIC_EVALUATE_EVERY, "how often a series' slope is evaluated"),
            Map.entry(METRIC_GRACE, "how far a sample may lag the series' newest sample and still count"),
            Map.entry(METRIC_MIN_SAMPLES, "fewer samples in the window (or spanning under half of it) give no verdict"),
            Map.entry(METRIC_CONSECUTIVE, "evaluations in a row above (below) the thresholds needed to raise (clear)"),
            Map.entry(METRIC_MIN_RISE_PCT_PER_HOUR, "relative rise threshold, % of the series' level at the window start per hour"),
            Map.entry(METRIC_MIN_RISE_PER_HOUR, "absolute rise threshold in the series' unit per hour; 0 = off"),
            Map.entry(METRIC_MAX_SAMPLES, "most samples buffered per series"),
            Map.entry(SERIES_RETENTION, "a series without samples for this long is dropped (its anomaly cleared first)"),
            Map.entry(CLEANUP_INTERVAL, "how often the series store is scanned for silent series"));

    /** The meaning of a key, for the configuration reference. */
    public static String describe(String key) {
        return DOCS.getOrDefault(key, "");
    }

    /** Every key of this stage with its default, in the form the central configuration takes. */
    public static final Map<String, String> DEFAULTS = defaultsMap();

    public AnomalySettings {
        requirePositive(SURGE_BASELINE_HALF_LIFE, surgeBaselineHalfLife);
        requirePositive(PUNCTUATE_INTERVAL, punctuateInterval);
        requirePositive(METRIC_WINDOW, metricWindow);
        requirePositive(METRIC_EVALUATE_EVERY, metricEvaluateEvery);
        requirePositive(SERIES_RETENTION, seriesRetention);
        requirePositive(CLEANUP_INTERVAL, cleanupInterval);
        requirePositive(SURGE_IDLE_RETENTION, surgeIdleRetention);
        if (surgeGrace.isNegative() || metricGrace.isNegative() || surgeWarmup.isNegative()) {
            throw new ConfigSource.ConfigException("anomaly.*.grace / anomaly.surge.warmup", "must not be negative");
        }
        if (!(surgeRatio > 1)) {
            throw new ConfigSource.ConfigException(SURGE_RATIO, "must be greater than 1, got " + surgeRatio);
        }
        if (surgeMinCount < 1) {
            throw new ConfigSource.ConfigException(SURGE_MIN_COUNT, "must be at least 1, got " + surgeMinCount);
        }
        if (!(surgeClearRatio >= 1 && surgeClearRatio <= surgeRatio)) {
            throw new ConfigSource.ConfigException(SURGE_CLEAR_RATIO, "must be between 1 and " + SURGE_RATIO
                    + ", got " + surgeClearRatio);
        }
        if (!(metricMinRisePctPerHour > 0) || !(metricMinRisePerHour >= 0)) {
            throw new ConfigSource.ConfigException(METRIC_MIN_RISE_PCT_PER_HOUR + " / " + METRIC_MIN_RISE_PER_HOUR,
                    "must be positive / non-negative numbers");
        }
        if (metricMinSamples < 3) {
            throw new ConfigSource.ConfigException(METRIC_MIN_SAMPLES, "must be at least 3, got " + metricMinSamples);
        }
        if (metricConsecutive < 1) {
            throw new ConfigSource.ConfigException(METRIC_CONSECUTIVE, "must be at least 1, got " + metricConsecutive);
        }
        if (metricMaxSamples < metricMinSamples) {
            throw new ConfigSource.ConfigException(METRIC_MAX_SAMPLES, "must be at least " + METRIC_MIN_SAMPLES);
        }
    }

    /** The documented defaults. */
    public static AnomalySettings defaults() {
        return fromConfig(ConfigSource.of(DEFAULTS));
    }

    /** Reads the stage's keys; a key the source does not set takes its default from {@link #DEFAULTS}. */
    public static AnomalySettings fromConfig(ConfigSource source) {
        ConfigSource c = ConfigSource.load(DEFAULTS, null, Map.of(), source.asMap());
        return new AnomalySettings(c.decimal(SURGE_RATIO), c.longValue(SURGE_MIN_COUNT), c.decimal(SURGE_CLEAR_RATIO),
                c.duration(SURGE_BASELINE_HALF_LIFE), c.duration(SURGE_WARMUP), c.duration(SURGE_GRACE),
                c.duration(SURGE_IDLE_RETENTION), c.duration(PUNCTUATE_INTERVAL),
                c.duration(METRIC_WINDOW), c.duration(METRIC_EVALUATE_EVERY), c.duration(METRIC_GRACE),
                c.integer(METRIC_MIN_SAMPLES), c.integer(METRIC_CONSECUTIVE), c.decimal(METRIC_MIN_RISE_PCT_PER_HOUR),
                c.decimal(METRIC_MIN_RISE_PER_HOUR), c.integer(METRIC_MAX_SAMPLES), c.duration(SERIES_RETENTION),
                c.duration(CLEANUP_INTERVAL));
    }

    private static Map<String, String> defaultsMap() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(SURGE_RATIO, "5");
        d.put(SURGE_MIN_COUNT, "10");
        d.put(SURGE_CLEAR_RATIO, "2");
        d.put(SURGE_BASELINE_HALF_LIFE, "30m");
        d.put(SURGE_WARMUP, "30m");
        d.put(SURGE_GRACE, "1m");
        d.put(SURGE_IDLE_RETENTION, "6h");
        d.put(PUNCTUATE_INTERVAL, "10s");
        d.put(METRIC_WINDOW, "30m");
        d.put(METRIC_EVALUATE_EVERY, "1m");
        d.put(METRIC_GRACE, "1m");
        d.put(METRIC_MIN_SAMPLES, "10");
        d.put(METRIC_CONSECUTIVE, "3");
        d.put(METRIC_MIN_RISE_PCT_PER_HOUR, "30");
        d.put(METRIC_MIN_RISE_PER_HOUR, "0");
        d.put(METRIC_MAX_SAMPLES, "1000");
        d.put(SERIES_RETENTION, "2h");
        d.put(CLEANUP_INTERVAL, "1m");
        return Collections.unmodifiableMap(d);
    }

    private static void requirePositive(String key, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new ConfigSource.ConfigException(key, "must be a positive duration, got " + d);
        }
    }
}
