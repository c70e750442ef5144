package io.alertflow.simulator;

import io.alertflow.alert.Fingerprint;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Prometheus alerting rule instance as a scenario describes it: its labels (identity), annotations
 * and how long the condition held before the rule fired (Prometheus' {@code for:}), which becomes
 * the gap between startsAt and the first notification.
 *
 * @param labels identifying labels, with alertname and (usually) service
 * @param annotations summary, runbook_url, ...
 * @param pending time between the condition starting and the alert firing
 */
public record AlertSpec(Map<String, String> labels, Map<String, String> annotations, Duration pending) {

    public AlertSpec {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    /** An alert {@code alertname} on {@code service} with a severity label, a summary and a one-minute pending period. */
    public static AlertSpec of(String alertname, String service, String severity, String summary) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", alertname);
        labels.put("service", service);
        labels.put("severity", severity);
        return new AlertSpec(labels, Map.of("summary", summary), Duration.ofMinutes(1));
    }

    /** The same alert with one more label. */
    public AlertSpec with(String label, String value) {
        Map<String, String> more = new LinkedHashMap<>(labels);
        more.put(label, value);
        return new AlertSpec(more, annotations, pending);
    }

    /** Alertmanager's fingerprint of the labels: the key the gateway writes it under and a PagerDuty dedup_key that addresses it. */
    public String fingerprint() {
        return Fingerprint.of(labels);
    }
}
