package io.alertflow.explain;

import io.alertflow.config.ConfigSource;
import java.time.Duration;

/**
 * How long and how much the decisions store keeps.
 *
 * @param retention a fingerprint's decisions leave the store this long after its newest decision
 * @param maxDecisions most decisions kept per fingerprint (the oldest are dropped and counted)
 */
public record ExplainSettings(Duration retention, int maxDecisions) {

    /** Reads {@code explain.retention} and {@code explain.max-decisions}; non-positive values fail at start. */
    public static ExplainSettings from(ConfigSource source) {
        Duration retention = source.duration("explain.retention");
        if (retention.isNegative() || retention.isZero()) {
            throw new ConfigSource.ConfigException("explain.retention", "must be positive, got '" + source.string("explain.retention") + "'");
        }
        int max = source.integer("explain.max-decisions");
        if (max < 1) {
            throw new ConfigSource.ConfigException("explain.max-decisions", "must be at least 1, got " + max);
        }
        return new ExplainSettings(retention, max);
    }
}
