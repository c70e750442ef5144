package io.alertflow.gateway.pagerduty;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertflow.avro.ChangeEvent;
import io.alertflow.avro.ChangeKind;
import io.alertflow.gateway.http.BearerAuth;
import io.alertflow.gateway.http.HttpProblem;
import io.alertflow.gateway.http.JsonInput;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * Maps a PagerDuty change event ({@code routing_key, payload{summary, source, timestamp,
 * custom_details}, links}) to a ChangeEvent. The service is {@code custom_details.service}, else
 * {@code payload.source}; {@code custom_details.kind}, {@code version} and {@code author} fill the
 * fields of the same name (kind defaults to DEPLOY, what change events mostly report).
 */
public final class PagerDutyChanges {
    private final BearerAuth routingKeys;

    public PagerDutyChanges(BearerAuth routingKeys) {
        this.routingKeys = routingKeys;
    }

    /** The change event; 400 naming the field when invalid. */
    public ChangeEvent map(JsonNode body, Instant receivedAt) {
        JsonInput.object(body, "");
        PagerDutyEvents.checkRoutingKey(body, routingKeys);
        JsonNode payload = JsonInput.object(body.get("payload"), "payload");
        String summary = JsonInput.requiredText(payload, "summary", "payload.summary");
        if (summary.length() > PagerDutyEvents.MAX_SUMMARY) {
            throw HttpProblem.badRequest("payload.summary", "is longer than " + PagerDutyEvents.MAX_SUMMARY + " characters");
        }
        JsonNode details = payload.get("custom_details");
        if (details == null || !details.isObject()) {
            details = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        String service = JsonInput.text(details, "service", "payload.custom_details.service");
        if (service == null || service.isBlank()) {
            service = JsonInput.text(payload, "source", "payload.source");
        }
        if (service == null || service.isBlank()) {
            throw HttpProblem.badRequest("payload.source", "is required to name the changed service (or set payload.custom_details.service)");
        }
        Instant at = JsonInput.timestamp(payload, "timestamp", "payload.timestamp");
        return ChangeEvent.newBuilder()
                .setId(UUID.randomUUID().toString())
                .setService(service)
                .setKind(kind(JsonInput.text(details, "kind", "payload.custom_details.kind")))
                .setVersion(JsonInput.text(details, "version", "payload.custom_details.version"))
                .setAuthor(JsonInput.text(details, "author", "payload.custom_details.author"))
                .setAt(at == null ? receivedAt : at)
                .setDescription(summary)
                .build();
    }

    private static ChangeKind kind(String text) {
        if (text == null || text.isBlank()) {
            return ChangeKind.DEPLOY;
        }
        String normalised = text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        try {
            ChangeKind kind = ChangeKind.valueOf(normalised);
            if (kind != ChangeKind.UNKNOWN) {
                return kind;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw HttpProblem.badRequest("payload.custom_details.kind", "must be DEPLOY, CONFIG, FEATURE_FLAG or ROLLBACK");
    }
}
