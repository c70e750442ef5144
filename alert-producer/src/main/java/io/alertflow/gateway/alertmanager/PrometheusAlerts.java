package io.alertflow.gateway.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertflow.alert.Fingerprint;
import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.RawAlert;
import io.alertflow.gateway.SeverityMapping;
import io.alertflow.gateway.http.HttpProblem;
import io.alertflow.gateway.http.JsonInput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps the Alertmanager API v2 body Prometheus posts ({@code [{labels, annotations, startsAt, endsAt,
 * generatorURL}]}) to RawAlerts. There is no status field: an alert whose endsAt is not after the
 * time of receipt is RESOLVED, otherwise FIRING (Prometheus sets a firing alert's endsAt a few
 * resend intervals ahead and a resolved one's to the resolution time).
 */
public final class PrometheusAlerts {
    /** The RawAlert source of alerts that arrive through the Alertmanager API. */
    public static final String SOURCE = "prometheus";

    private final SeverityMapping severities;

    public PrometheusAlerts(SeverityMapping severities) {
        this.severities = severities;
    }

    /** Every alert of the body; 400 naming {@code [i].field} for the first malformed one. */
    public List<RawAlert> map(JsonNode body, Instant receivedAt) {
        if (body == null || !body.isArray()) {
            throw HttpProblem.badRequest(null, "the body must be a JSON array of alerts, as Prometheus sends to Alertmanager's /api/v2/alerts");
        }
        List<RawAlert> alerts = new ArrayList<>(body.size());
        for (int i = 0; i < body.size(); i++) {
            alerts.add(map(JsonInput.object(body.get(i), "[" + i + "]"), "[" + i + "].", receivedAt));
        }
        return alerts;
    }

    private RawAlert map(JsonNode alert, String path, Instant receivedAt) {
        Map<String, String> labels = JsonInput.stringMap(alert, "labels", path + "labels");
        Instant startsAt = JsonInput.timestamp(alert, "startsAt", path + "startsAt");
        Instant endsAt = JsonInput.timestamp(alert, "endsAt", path + "endsAt");
        AlertStatus status = endsAt != null && !endsAt.isAfter(receivedAt) ? AlertStatus.RESOLVED : AlertStatus.FIRING;
        return RawAlert.newBuilder()
                .setFingerprint(Fingerprint.of(labels))
                .setSource(SOURCE)
                .setStatus(status)
                .setSeverity(severities.of(labels.get("severity")))
                .setLabels(labels)
                .setAnnotations(JsonInput.stringMap(alert, "annotations", path + "annotations"))
                // Alertmanager treats a missing startsAt as "now"; so do we.
                .setStartsAt(startsAt == null ? receivedAt : startsAt)
                .setEndsAt(endsAt)
                .setReceivedAt(receivedAt)
                .setGeneratorUrl(JsonInput.text(alert, "generatorURL", path + "generatorURL"))
                .setValue(null)
                .build();
    }
}
