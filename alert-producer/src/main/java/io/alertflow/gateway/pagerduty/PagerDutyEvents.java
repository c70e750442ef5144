package io.alertflow.gateway.pagerduty;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertflow.avro.ActionKind;
import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.IncidentAction;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Severity;
import io.alertflow.gateway.GatewayConfig;
import io.alertflow.gateway.SeverityMapping;
import io.alertflow.gateway.http.BearerAuth;
import io.alertflow.gateway.http.HttpProblem;
import io.alertflow.gateway.http.JsonInput;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/**
 * Maps a PagerDuty Events API v2 event. {@code trigger} becomes a FIRING RawAlert and {@code resolve}
 * a RESOLVED one, both with fingerprint = dedup_key so that later events with that key address the
 * same alert (such fingerprints need not be hex); {@code acknowledge} becomes an IncidentAction
 * ACKNOWLEDGE addressed by that fingerprint.
 */
public final class PagerDutyEvents {
    /** The RawAlert source of PagerDuty events. */
    public static final String SOURCE = "pagerduty";
    /** alertname of an event without payload.class. */
    public static final String DEFAULT_ALERTNAME = "pagerduty";
    static final int MAX_DEDUP_KEY = 255;
    static final int MAX_SUMMARY = 1024;
    private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

    private final BearerAuth routingKeys;
    private final SeverityMapping severities = new SeverityMapping(Severity.WARNING);

    public PagerDutyEvents(BearerAuth routingKeys) {
        this.routingKeys = routingKeys;
    }

    /**
     * A mapped event: the record to write (RawAlert or IncidentAction), its key, and the dedup_key to
     * answer with.
     */
    public record Mapped(SpecificRecord record, String key, String dedupKey) {
    }

    /** Maps one event; 400 naming the field for an invalid one, 401 for a routing key that is not allowed. */
    public Mapped map(JsonNode body, Instant receivedAt) {
        JsonInput.object(body, "");
        checkRoutingKey(body, routingKeys);
        String action = JsonInput.requiredText(body, "event_action", "event_action");
        String dedupKey = JsonInput.text(body, "dedup_key", "dedup_key");
        if (dedupKey != null && dedupKey.length() > MAX_DEDUP_KEY) {
            throw HttpProblem.badRequest("dedup_key", "is longer than " + MAX_DEDUP_KEY + " characters");
        }
        return switch (action) {
            case "trigger" -> trigger(body, dedupKey == null || dedupKey.isEmpty() ? newDedupKey() : dedupKey, receivedAt);
            case "resolve" -> resolve(body, requireDedupKey(dedupKey), receivedAt);
            case "acknowledge" -> acknowledge(body, requireDedupKey(dedupKey), receivedAt);
            default -> throw HttpProblem.badRequest("event_action", "must be trigger, acknowledge or resolve");
        };
    }

    /** 400 without a routing_key, 401 when allowed keys are configured and it is not one of them. */
    static void checkRoutingKey(JsonNode body, BearerAuth routingKeys) {
        String routingKey = JsonInput.requiredText(body, "routing_key", "routing_key");
        if (!routingKeys.accepts(routingKey)) {
            throw new HttpProblem(401, "routing_key is not one of the keys this gateway accepts (" + GatewayConfig.PAGERDUTY_ROUTING_KEYS + ")",
                    "routing_key");
        }
    }

    private Mapped trigger(JsonNode body, String dedupKey, Instant receivedAt) {
        JsonNode payload = JsonInput.object(body.get("payload"), "payload");
        String summary = JsonInput.requiredText(payload, "summary", "payload.summary");
        if (summary.length() > MAX_SUMMARY) {
            throw HttpProblem.badRequest("payload.summary", "is longer than " + MAX_SUMMARY + " characters");
        }
        JsonInput.requiredText(payload, "source", "payload.source");
        String severity = JsonInput.requiredText(payload, "severity", "payload.severity");
        if (!SEVERITIES.contains(severity)) {
            throw HttpProblem.badRequest("payload.severity", "must be critical, error, warning or info");
        }
        Instant timestamp = JsonInput.timestamp(payload, "timestamp", "payload.timestamp");
        RawAlert alert = alert(dedupKey, AlertStatus.FIRING, labels(payload), annotations(body, payload, summary),
                timestamp == null ? receivedAt : timestamp, null, receivedAt);
        return new Mapped(alert, dedupKey, dedupKey);
    }

    private Mapped resolve(JsonNode body, String dedupKey, Instant receivedAt) {
        JsonNode payload = body.get("payload");
        Map<String, String> labels = payload != null && payload.isObject() ? labels(payload) : defaultLabels();
        RawAlert alert = alert(dedupKey, AlertStatus.RESOLVED, labels, Map.of(), receivedAt, receivedAt, receivedAt);
        return new Mapped(alert, dedupKey, dedupKey);
    }

    private static Mapped acknowledge(JsonNode body, String dedupKey, Instant receivedAt) {
        String client = JsonInput.text(body, "client", "client");
        IncidentAction action = IncidentAction.newBuilder()
                .setIncidentId(null)
                .setFingerprint(dedupKey)
                .setAction(ActionKind.ACKNOWLEDGE)
                .setActor(client == null || client.isBlank() ? SOURCE : SOURCE + ":" + client)
                .setAt(receivedAt)
                .setNote(null)
                .build();
        return new Mapped(action, dedupKey, dedupKey);
    }

    private RawAlert alert(String dedupKey, AlertStatus status, Map<String, String> labels, Map<String, String> annotations,
                           Instant startsAt, Instant endsAt, Instant receivedAt) {
        return RawAlert.newBuilder()
                .setFingerprint(dedupKey)
                .setSource(SOURCE)
                .setStatus(status)
                .setSeverity(severities.of(labels.get("severity")))
                .setLabels(labels)
                .setAnnotations(annotations)
                .setStartsAt(startsAt)
                .setEndsAt(endsAt)
                .setReceivedAt(receivedAt)
                .setGeneratorUrl(null)
                .setValue(null)
                .build();
    }

    /** alertname = class (else "pagerduty"), service = component (else source), plus the payload's routing fields. */
    private static Map<String, String> labels(JsonNode payload) {
        Map<String, String> labels = defaultLabels();
        String cls = JsonInput.text(payload, "class", "payload.class");
        String component = JsonInput.text(payload, "component", "payload.component");
        String source = JsonInput.text(payload, "source", "payload.source");
        putIfPresent(labels, "alertname", cls);
        putIfPresent(labels, "service", component != null && !component.isBlank() ? component : source);
        putIfPresent(labels, "source", source);
        putIfPresent(labels, "component", component);
        putIfPresent(labels, "group", JsonInput.text(payload, "group", "payload.group"));
        putIfPresent(labels, "class", cls);
        putIfPresent(labels, "severity", JsonInput.text(payload, "severity", "payload.severity"));
        return labels;
    }

    private static Map<String, String> defaultLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", DEFAULT_ALERTNAME);
        return labels;
    }

    private static Map<String, String> annotations(JsonNode body, JsonNode payload, String summary) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", summary);
        JsonNode details = payload.get("custom_details");
        if (details != null && !details.isNull()) {
            annotations.put("custom_details", details.isTextual() ? details.textValue() : details.toString());
        }
        putIfPresent(annotations, "client", JsonInput.text(body, "client", "client"));
        putIfPresent(annotations, "client_url", JsonInput.text(body, "client_url", "client_url"));
        JsonNode links = body.get("links");
        if (links != null && links.isArray() && !links.isEmpty()) {
            annotations.put("links", links.toString());
        }
        return annotations;
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }

    private static String requireDedupKey(String dedupKey) {
        if (dedupKey == null || dedupKey.isBlank()) {
            throw HttpProblem.badRequest("dedup_key", "is required for acknowledge and resolve");
        }
        return dedupKey;
    }

    private static String newDedupKey() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
