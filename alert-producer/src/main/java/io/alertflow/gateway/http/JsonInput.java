package io.alertflow.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertflow.json.RecordJson;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads fields of the third-party JSON formats (Alertmanager, PagerDuty) with 400s that name the
 * field's path; unknown fields are ignored there, as the original receivers ignore them.
 */
public final class JsonInput {
    /** Go's zero time, which Alertmanager writes for "no end". */
    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private JsonInput() {
    }

    /** A string field; null when absent or JSON null; 400 when another type. */
    public static String text(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw HttpProblem.badRequest(path, "must be a string");
        }
        return node.textValue();
    }

    /** A string field that must be present and not blank. */
    public static String requiredText(JsonNode parent, String name, String path) {
        String value = text(parent, name, path);
        if (value == null || value.isBlank()) {
            throw HttpProblem.badRequest(path, "is required");
        }
        return value;
    }

    /** An object of string values (labels, annotations); empty when absent. */
    public static Map<String, String> stringMap(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw HttpProblem.badRequest(path, "must be a JSON object of strings");
        }
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw HttpProblem.badRequest(path + "." + e.getKey(), "must be a string");
            }
            out.put(e.getKey(), e.getValue().textValue());
        });
        return out;
    }

    /**
     * An RFC 3339 timestamp with any number of fraction digits; null when absent, empty or Go's zero
     * time (0001-01-01T00:00:00Z), which Alertmanager uses for "not set".
     */
    public static Instant timestamp(JsonNode parent, String name, String path) {
        String text = text(parent, name, path);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            Instant instant = RecordJson.parseInstant(text);
            return instant.equals(GO_ZERO_TIME) ? null : instant;
        } catch (DateTimeParseException e) {
            throw HttpProblem.badRequest(path, "must be an RFC 3339 timestamp such as 2024-05-01T12:00:00.123Z");
        }
    }

    /** The node as an object, else 400. */
    public static JsonNode object(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw HttpProblem.badRequest(path.isEmpty() ? null : path, "must be a JSON object");
        }
        return node;
    }
}
