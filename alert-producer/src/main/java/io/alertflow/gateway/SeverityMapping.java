package io.alertflow.gateway;

import io.alertflow.avro.Severity;
import java.util.Locale;
import java.util.Map;

/**
 * Maps the free-form {@code severity} label senders use (Prometheus rules, PagerDuty) onto the four
 * SPEC severities; anything unrecognised, or no label at all, gets the configured default.
 */
public final class SeverityMapping {
    private static final Map<String, Severity> KNOWN = Map.ofEntries(
            Map.entry("critical", Severity.CRITICAL), Map.entry("crit", Severity.CRITICAL), Map.entry("page", Severity.CRITICAL),
            Map.entry("p1", Severity.CRITICAL), Map.entry("fatal", Severity.CRITICAL), Map.entry("emergency", Severity.CRITICAL),
            Map.entry("error", Severity.ERROR), Map.entry("err", Severity.ERROR), Map.entry("high", Severity.ERROR),
            Map.entry("major", Severity.ERROR), Map.entry("p2", Severity.ERROR),
            Map.entry("warning", Severity.WARNING), Map.entry("warn", Severity.WARNING), Map.entry("medium", Severity.WARNING),
            Map.entry("minor", Severity.WARNING), Map.entry("p3", Severity.WARNING),
            Map.entry("info", Severity.INFO), Map.entry("informational", Severity.INFO), Map.entry("low", Severity.INFO),
            Map.entry("none", Severity.INFO), Map.entry("debug", Severity.INFO), Map.entry("notice", Severity.INFO),
            Map.entry("p4", Severity.INFO), Map.entry("p5", Severity.INFO));

    private final Severity fallback;

    public SeverityMapping(Severity fallback) {
        this.fallback = fallback;
    }

    /** The severity for a label value (case and surrounding blanks ignored); the default when null or unknown. */
    public Severity of(String label) {
        if (label == null) {
            return fallback;
        }
        return KNOWN.getOrDefault(label.trim().toLowerCase(Locale.ROOT), fallback);
    }
}
