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
import java.util.Locale;
import java.util.Map;

/**
 * Maps an Alertmanager webhook notification (payload version 4: {@code receiver, status, alerts[],
 * groupLabels, commonLabels, ...}) to one RawAlert per alert, each with its own status; an endsAt of
 * 0001-01-01T00:00:00Z means none. The fingerprint is recomputed from the labels, which gives the
 * value Alertmanager sent whenever the labels are unchanged.
 */
public final class WebhookAlerts {
    /** The RawAlert source of alerts forwarded by an Alertmanager webhook. */
    public static final String SOURCE = "alertmanager";

    private final SeverityMapping severities;

    public WebhookAlerts(SeverityMapping severities) {
        this.severities = severities;
    }

    /** Every alert of the notification; 400 naming {@code alerts[i].field} for the first malformed one. */
    public List<RawAlert> map(JsonNode body, Instant receivedAt) {
        JsonInput.object(body, "");
        String version = JsonInput.text(body, "version", "version");
        if (version != null && !version.equals("4")) {
            throw HttpProblem.badRequest("version", "webhook payload version " + version + " is not supported; Alertmanager sends version 4");
        }
        JsonNode alerts = body.get("alerts");
        if (alerts == null || !alerts.isArray()) {
            throw HttpProblem.badRequest("alerts", "must be a JSON array");
        }
        List<RawAlert> out = new ArrayList<>(alerts.size());
        for (int i = 0; i < alerts.size(); i++) {
            String path = "alerts[" + i + "]";
            out.add(map(JsonInput.object(alerts.get(i), path), path + ".", receivedAt));
        }
        return out;
    }

    private RawAlert map(JsonNode alert, String path, Instant receivedAt) {
        Map<String, String> labels = JsonInput.stringMap(alert, "labels", path + "labels");
        Instant startsAt = JsonInput.timestamp(alert, "startsAt", path + "startsAt");
        return RawAlert.newBuilder()
                .setFingerprint(Fingerprint.of(labels))
                .setSource(SOURCE)
                .setStatus(status(JsonInput.text(alert, "status", path + "status"), path))
                .setSeverity(severities.of(labels.get("severity")))
                .setLabels(labels)
                .setAnnotations(JsonInput.stringMap(alert, "annotations", path + "annotations"))
                .setStartsAt(startsAt == null ? receivedAt : startsAt)
                .setEndsAt(JsonInput.timestamp(alert, "endsAt", path + "endsAt"))
                .setReceivedAt(receivedAt)
                .setGeneratorUrl(JsonInput.text(alert, "generatorURL", path + "generatorURL"))
                .setValue(null)
                .build();
    }

    private static AlertStatus status(String text, String path) {
        if (text == null) {
            throw HttpProblem.badRequest(path + "status", "is required (firing or resolved)");
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "firing" -> AlertStatus.FIRING;
            case "resolved" -> AlertStatus.RESOLVED;
            default -> throw HttpProblem.badRequest(path + "status", "must be firing or resolved");
        };
    }
}
