package io.alertflow.gateway.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** How an endpoint family renders errors: Alertflow's own shape or the one PagerDuty clients expect. */
public enum ErrorStyle {
    /** SPEC §4: {@code {"error": "...", "field": "..."}}. */
    ALERTFLOW {
        @Override
        public ObjectNode render(HttpProblem problem) {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("error", problem.getMessage());
            if (problem.field() == null) {
                body.putNull("field");
            } else {
                body.put("field", problem.field());
            }
            return body;
        }
    },
    /** PagerDuty Events API v2: {@code {"status": "invalid event", "message": "...", "errors": ["..."]}}. */
    PAGERDUTY {
        @Override
        public ObjectNode render(HttpProblem problem) {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("status", switch (problem.status()) {
                case 400 -> "invalid event";
                case 401 -> "unauthorized";
                case 413 -> "request too large";
                case 415 -> "unsupported media type";
                default -> "unavailable";
            });
            body.put("message", problem.status() == 400 ? "Event object is invalid" : problem.getMessage());
            body.putArray("errors").add(problem.field() == null ? problem.getMessage() : "'" + problem.field() + "': " + problem.getMessage());
            return body;
        }
    };

    /** The JSON body for a refused request. */
    public abstract ObjectNode render(HttpProblem problem);
}
