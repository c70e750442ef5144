package io.alertflow.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertflow.json.RecordJson;
import io.alertflow.json.RecordJsonException;
import java.time.Instant;
import java.util.Map;

/**
 * A request as endpoints see it: already authenticated and size-checked, independent of the HTTP
 * server so mappings are testable without one.
 *
 * @param pathParameters values of the path template's parameters (e.g. {@code id})
 * @param body the complete body
 * @param receivedAt when the gateway received the request: the records' receivedAt and timestamp
 */
public record IncomingRequest(Map<String, String> pathParameters, byte[] body, Instant receivedAt) {

    /** A request with a JSON body and no path parameters (tests). */
    public static IncomingRequest json(String body, Instant receivedAt) {
        return new IncomingRequest(Map.of(), body.getBytes(java.nio.charset.StandardCharsets.UTF_8), receivedAt);
    }

    /** The body parsed as JSON; malformed or too deeply nested JSON is a 400. */
    public JsonNode json() {
        if (body.length == 0) {
            throw HttpProblem.badRequest(null, "the request body is empty; a JSON document is required");
        }
        try {
            return RecordJson.parse(body);
        } catch (RecordJsonException e) {
            throw HttpProblem.badRequest(null, e.getMessage());
        }
    }

    /** A path parameter that the route guarantees. */
    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null || value.isBlank()) {
            throw HttpProblem.badRequest(name, "the path must name the " + name);
        }
        return value;
    }
}
