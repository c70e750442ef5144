package io.alertflow.anomaly;

import io.alertflow.alert.Fingerprint;
import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.Anomaly;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Severity;

import java.util.Map;
import java.util.TreeMap;

/**
 * Turns an anomaly into the alert that carries it into correlation (SPEC 3.4): {@code source} =
 * {@code anomaly-detector}, labels {@code alertname} = the anomaly kind, {@code service}, and {@code series}
 * for metric anomalies, so the fingerprint is stable per service/series and kind and deduplication pairs the
 * RESOLVED with its FIRING.
 *
 * <p>Severity is WARNING: a rate-of-change anomaly is an early sign, not proof of user impact. With the
 * priority matrix it opens a P3 (tier 1) to P4 incident early; when the threshold alert fires it joins that
 * incident and its own severity raises the priority.
 */
public final class SyntheticAlerts {
    /** {@code source} of every synthetic alert. */
    public static final String SOURCE = "anomaly-detector";

    private SyntheticAlerts() {
    }

    /** The labels of the synthetic alert of an anomaly; they alone decide its fingerprint. */
    public static Map<String, String> labels(Anomaly anomaly) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("alertname", anomaly.getKind().name());
        labels.put("service", anomaly.getService());
        if (anomaly.getSeries() != null) {
            labels.put(AnomalyStage.SERIES_LABEL, anomaly.getSeries());
        }
        return labels;
    }

    /** FIRING for a raised anomaly, RESOLVED (endsAt = the clear time) for a cleared one. */
    public static RawAlert of(Anomaly anomaly) {
        Map<String, String> labels = labels(anomaly);
        boolean cleared = anomaly.getCleared();
        return RawAlert.newBuilder()
                .setFingerprint(Fingerprint.of(labels))
                .setSource(SOURCE)
                .setStatus(cleared ? AlertStatus.RESOLVED : AlertStatus.FIRING)
                .setSeverity(Severity.WARNING)
                .setLabels(labels)
                .setAnnotations(Map.of("summary", anomaly.getDetail()))
                .setStartsAt(anomaly.getWindowEnd())
                .setEndsAt(cleared ? anomaly.getWindowEnd() : null)
                .setReceivedAt(anomaly.getWindowEnd())
                .setGeneratorUrl(null)
                .setValue(Double.isFinite(anomaly.getObserved()) ? anomaly.getObserved() : null)
                .build();
    }
}
