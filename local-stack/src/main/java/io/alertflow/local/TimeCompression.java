package io.alertflow.local;

import io.alertflow.config.ConfigSource;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scales the stream's time settings for compressed playback: the simulator plays an hour of scenario in
 * {@code 60 / speed} real minutes and stamps every record in that compressed real time, so every duration
 * that measures scenario time (stale-after, windows, observation, lookback, anomaly windows, timer
 * periods) is divided by the speed and every per-hour rate is multiplied by it. Speed 1 changes nothing.
 */
public final class TimeCompression {

    /** Durations measured in scenario time: divided by the speed. */
    static final Set<String> SCENARIO_DURATIONS = Set.of(
            "alert.stale-after", "dedup.retention",
            "correlation.window", "resolve.observation", "reopen.window", "change.lookback", "incident.retention",
            "escalation.default-ack-timeout.P1", "escalation.default-ack-timeout.P2", "escalation.default-ack-timeout.P3",
            "escalation.default-ack-timeout.P4", "escalation.default-ack-timeout.P5",
            "anomaly.surge.baseline-half-life", "anomaly.surge.warmup", "anomaly.surge.grace", "anomaly.surge.idle-retention",
            "anomaly.metric.window", "anomaly.metric.evaluate-every", "anomaly.metric.grace", "anomaly.series-retention",
            "metrics.grace", "noise.retention", "explain.retention");

    /** Timer periods: divided by the speed, but never below {@link #MIN_TIMER_PERIOD} (a busy loop helps nobody). */
    static final Set<String> TIMER_PERIODS = Set.of("timers.interval", "anomaly.punctuate-interval", "anomaly.cleanup-interval");

    /** Rates per scenario hour: multiplied by the speed. */
    static final Set<String> PER_HOUR_RATES = Set.of("anomaly.metric.min-rise-pct-per-hour", "anomaly.metric.min-rise-per-hour");

    /**
     * Durations that measure real time and stay as they are: clock skew and age are compared with the real
     * clock that stamps receivedAt; Kafka, HTTP and registry timeouts, and how long an action waits for the incident
     * index to catch up, are about machines, not scenarios.
     */
    static final Set<String> REAL_DURATIONS = Set.of("validation.max-clock-skew", "validation.max-age", "actions.unknown-wait",
            "gateway.read-timeout", "gateway.kafka.delivery-timeout", "gateway.kafka.linger", "gateway.retry-after",
            "gateway.health.timeout", "api.forward-timeout");

    static final Duration MIN_TIMER_PERIOD = Duration.ofMillis(100);

    private TimeCompression() {
    }

    /**
     * The overrides that compress {@code defaults} (key → default value) by {@code speed}: only keys this class
     * knows and the defaults hold; values are written in milliseconds.
     */
    public static Map<String, String> overrides(Map<String, String> defaults, double speed) {
        if (!(speed >= 1)) {
            throw new IllegalArgumentException("speed must be at least 1, got " + speed);
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (speed == 1) {
            return out;
        }
        defaults.forEach((key, value) -> {
            if (SCENARIO_DURATIONS.contains(key)) {
                out.put(key, millis(scale(ConfigSource.parseDuration(value), speed)));
            } else if (TIMER_PERIODS.contains(key)) {
                Duration scaled = scale(ConfigSource.parseDuration(value), speed);
                out.put(key, millis(scaled.compareTo(MIN_TIMER_PERIOD) < 0 ? MIN_TIMER_PERIOD : scaled));
            } else if (PER_HOUR_RATES.contains(key)) {
                out.put(key, String.valueOf(Double.parseDouble(value) * speed));
            }
        });
        return out;
    }

    /** Every key this class has an opinion about (compressed or deliberately left alone). */
    static List<Set<String>> classified() {
        return List.of(SCENARIO_DURATIONS, TIMER_PERIODS, PER_HOUR_RATES, REAL_DURATIONS);
    }

    private static Duration scale(Duration d, double speed) {
        return Duration.ofMillis(Math.max(1, Math.round(d.toMillis() / speed)));
    }

    private static String millis(Duration d) {
        return d.toMillis() + "ms";
    }
}
