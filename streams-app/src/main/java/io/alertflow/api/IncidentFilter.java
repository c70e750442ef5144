package io.alertflow.api;

import io.alertflow.avro.Incident;
import io.alertflow.avro.IncidentState;
import io.alertflow.avro.Priority;
import java.util.Locale;

/**
 * The filters of {@code GET /incidents}: state, service and priority, each optional. {@code state=open} means
 * every state but RESOLVED.
 */
public record IncidentFilter(String state, String service, Priority priority) {

    /** Parses the query values (null when absent); unknown states or priorities are a {@link BadRequest}. */
    public static IncidentFilter parse(String state, String service, String priority) {
        String s = state == null || state.isBlank() ? null : state.trim().toUpperCase(Locale.ROOT);
        if (s != null && !s.equals("OPEN")) {
            try {
                IncidentState.valueOf(s);
            } catch (IllegalArgumentException e) {
                throw new BadRequest("state", "state must be open, TRIGGERED, ACKNOWLEDGED, MITIGATED or RESOLVED, got '" + state + "'");
            }
        }
        Priority p = null;
        if (priority != null && !priority.isBlank()) {
            try {
                p = Priority.valueOf(priority.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadRequest("priority", "priority must be P1 to P5, got '" + priority + "'");
            }
        }
        return new IncidentFilter(s, service == null || service.isBlank() ? null : service.trim(), p);
    }

    public boolean matches(Incident i) {
        if (state != null) {
            boolean open = i.getState() != IncidentState.RESOLVED;
            if (state.equals("OPEN") ? !open : !i.getState().name().equals(state)) {
                return false;
            }
        }
        if (service != null && !i.getServices().contains(service)) {
            return false;
        }
        return priority == null || i.getPriority() == priority;
    }

    /** The same filter as query parameters, for forwarding to other instances. */
    public String toQuery() {
        StringBuilder q = new StringBuilder();
        append(q, "state", state);
        append(q, "service", service);
        append(q, "priority", priority == null ? null : priority.name());
        return q.toString();
    }

    private static void append(StringBuilder q, String name, String value) {
        if (value != null) {
            q.append(q.length() == 0 ? "" : "&").append(name).append('=')
                    .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
