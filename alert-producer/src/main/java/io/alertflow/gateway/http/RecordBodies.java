package io.alertflow.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertflow.json.RecordJson;
import io.alertflow.json.RecordJsonException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads native JSON bodies into records by their SPEC field names ({@link RecordJson}), turning
 * schema errors into 400s that name the field.
 */
public final class RecordBodies {
    private RecordBodies() {
    }

    /** One record from a JSON object; {@code pathPrefix} is prepended to field names in errors. */
    public static <T extends SpecificRecord> T read(JsonNode json, Class<T> type, String pathPrefix) {
        try {
            return RecordJson.read(json, type);
        } catch (RecordJsonException e) {
            String field = e.field().isEmpty() ? (pathPrefix.isEmpty() ? null : pathPrefix.substring(0, pathPrefix.length() - 1)) : pathPrefix + e.field();
            throw HttpProblem.badRequest(field, e.problem());
        }
    }

    /** The objects of a body that is either one JSON object or an array of them. */
    public static List<ObjectNode> objects(JsonNode body) {
        List<ObjectNode> out = new ArrayList<>();
        if (body.isObject()) {
            out.add((ObjectNode) body);
        } else if (body.isArray()) {
            for (int i = 0; i < body.size(); i++) {
                if (!body.get(i).isObject()) {
                    throw HttpProblem.badRequest("[" + i + "]", "must be a JSON object");
                }
                out.add((ObjectNode) body.get(i));
            }
        } else {
            throw HttpProblem.badRequest(null, "the body must be a JSON object or an array of objects");
        }
        return out;
    }

    /** The object of a body that must be one JSON object. */
    public static ObjectNode object(JsonNode body) {
        if (!body.isObject()) {
            throw HttpProblem.badRequest(null, "the body must be a JSON object");
        }
        return (ObjectNode) body;
    }

    /** Sets a field the path names (e.g. a window's id); 400 when the body says something else. */
    public static void pathValue(ObjectNode body, String field, String value) {
        JsonNode given = body.get(field);
        if (given != null && !given.isNull() && !(given.isTextual() && given.textValue().equals(value))) {
            throw HttpProblem.badRequest(field, "the body says '" + given.asText() + "' but the path says '" + value + "'");
        }
        body.put(field, value);
    }

    /** Fills a timestamp field with the time of receipt when the sender left it out. */
    public static void defaultTime(ObjectNode body, String field, Instant value) {
        JsonNode given = body.get(field);
        if (given == null || given.isNull()) {
            body.put(field, value.toEpochMilli());
        }
    }
}
