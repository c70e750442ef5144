package io.alertflow.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertflow.avro.Anomaly;
import io.alertflow.avro.ChangeEvent;
import io.alertflow.avro.DeadLetter;
import io.alertflow.avro.Incident;
import io.alertflow.avro.IncidentAction;
import io.alertflow.avro.IncidentMetrics;
import io.alertflow.avro.MaintenanceWindow;
import io.alertflow.avro.MetricSample;
import io.alertflow.avro.NoiseReport;
import io.alertflow.avro.Page;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Service;
import io.alertflow.avro.ServiceMetrics;
import io.alertflow.avro.SuppressedAlert;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * One line of a recording (SPEC §5): {@code {"topic", "timestamp", "key", "value"}} as JSON Lines,
 * {@code value} by SPEC field names via {@link RecordJson}; a null value is a tombstone (a deleted
 * maintenance window or service).
 *
 * @param topic the topic the record belongs to
 * @param timestamp the record timestamp, epoch milliseconds
 * @param key the record key, may be null
 * @param value the record, null for a tombstone
 */
public record RecordingLine(String topic, long timestamp, String key, SpecificRecord value) {
    private static final Set<String> FIELDS = Set.of("topic", "timestamp", "key", "value");

    public RecordingLine {
        Objects.requireNonNull(topic, "topic");
    }

    /** The record type of every SPEC §2 topic under its default name. */
    public static Map<String, Class<? extends SpecificRecord>> defaultTopicTypes() {
        Map<String, Class<? extends SpecificRecord>> types = new LinkedHashMap<>();
        types.put("alerts.raw", RawAlert.class);
        types.put("maintenance.windows", MaintenanceWindow.class);
        types.put("services", Service.class);
        types.put("changes", ChangeEvent.class);
        types.put("incident.actions", IncidentAction.class);
        types.put("metrics.samples", MetricSample.class);
        types.put("alerts.dlq", DeadLetter.class);
        types.put("alerts.suppressed", SuppressedAlert.class);
        types.put("anomalies", Anomaly.class);
        types.put("incidents", Incident.class);
        types.put("incident.metrics", IncidentMetrics.class);
        types.put("pages", Page.class);
        types.put("service.metrics", ServiceMetrics.class);
        types.put("alerts.noise", NoiseReport.class);
        return types;
    }

    /** This line as a JSON object (one line of a recording, without the newline). */
    public ObjectNode toJson() {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("topic", topic);
        line.put("timestamp", timestamp);
        if (key == null) {
            line.putNull("key");
        } else {
            line.put("key", key);
        }
        line.set("value", value == null ? JsonNodeFactory.instance.nullNode() : RecordJson.toJson(value));
        return line;
    }

    /** This line as compact JSON text without a newline. */
    public String toJsonLine() {
        try {
            return RecordJson.mapper().writeValueAsString(toJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /**
     * Parses one line; {@code topicTypes} says which record type each topic holds. Errors are
     * {@link RecordJsonException}s whose field is the path inside the line (e.g. {@code value.labels}).
     */
    public static RecordingLine parse(String line, Map<String, Class<? extends SpecificRecord>> topicTypes) {
        return fromJson(RecordJson.parse(line), topicTypes);
    }

    /** Reads a line already parsed into a JSON tree. */
    public static RecordingLine fromJson(JsonNode json, Map<String, Class<? extends SpecificRecord>> topicTypes) {
        if (json == null || !json.isObject()) {
            throw new RecordJsonException("", "a recording line must be a JSON object");
        }
        json.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                throw new RecordJsonException(name, "unknown field of a recording line; known fields are " + FIELDS);
            }
        });
        String topic = text(json, "topic", true);
        Class<? extends SpecificRecord> type = topicTypes.get(topic);
        if (type == null) {
            throw new RecordJsonException("topic", "no record type is known for topic '" + topic + "'; known topics are " + topicTypes.keySet());
        }
        long timestamp = timestamp(json.get("timestamp"));
        String key = text(json, "key", false);
        JsonNode value = json.get("value");
        SpecificRecord record = null;
        if (value != null && !value.isNull()) {
            try {
                record = RecordJson.read(value, type);
            } catch (RecordJsonException e) {
                throw new RecordJsonException(e.field().isEmpty() ? "value" : "value." + e.field(), e.problem());
            }
        }
        return new RecordingLine(topic, timestamp, key, record);
    }

    private static String text(JsonNode json, String field, boolean required) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new RecordJsonException(field, "is required");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw new RecordJsonException(field, "must be a string");
        }
        return node.textValue();
    }

    private static long timestamp(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new RecordJsonException("timestamp", "is required (epoch milliseconds)");
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isTextual()) {
            try {
                return RecordJson.parseInstant(node.textValue()).toEpochMilli();
            } catch (DateTimeParseException e) {
                // fall through to the error below
            }
        }
        throw new RecordJsonException("timestamp", "must be epoch milliseconds or an RFC 3339 timestamp");
    }
}
