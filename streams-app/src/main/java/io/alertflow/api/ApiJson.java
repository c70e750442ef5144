package io.alertflow.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertflow.avro.Incident;
import io.alertflow.avro.IncidentRecord;
import io.alertflow.avro.IncidentState;
import io.alertflow.avro.Member;
import io.alertflow.avro.TimelineEntry;
import io.alertflow.explain.AlertExplanation;
import io.alertflow.explain.Step;
import io.alertflow.incident.ResponseTimes;
import io.alertflow.json.RecordJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The JSON the API answers with: Avro records by their SPEC field names (through {@link RecordJson}: timestamps
 * as RFC 3339 strings in UTC, enums as symbols), plus the views the API derives (members, root-cause reason,
 * TTD/TTA/TTR so far, explanations).
 */
public final class ApiJson {
    private static final ObjectMapper MAPPER = RecordJson.mapper();

    private ApiJson() {
    }

    /** An incident for lists: the public record without its timeline, plus its response times so far. */
    public static ObjectNode summary(Incident incident, Instant now) {
        ObjectNode json = RecordJson.toJson(incident);
        json.remove("timeline");
        json.set("responseTimes", responseTimes(incident, now));
        return json;
    }

    /** An incident in full: the public record, members, root-cause reason, paging state and response times so far. */
    public static ObjectNode detail(IncidentRecord record, Instant now) {
        Incident inc = record.getIncident();
        ObjectNode json = RecordJson.toJson(inc);
        ArrayNode members = json.putArray("members");
        for (Member m : record.getMembers()) {
            ObjectNode member = RecordJson.toJson(m);
            member.remove("groupValues");
            members.add(member);
        }
        ObjectNode root = json.putObject("rootCause");
        root.put("service", inc.getRootCauseService());
        root.put("why", rootCauseReason(inc));
        ObjectNode paging = json.putObject("paging");
        paging.put("paged", record.getPaged());
        paging.put("escalationLevel", inc.getEscalationLevel());
        paging.put("policyOf", record.getPageTargetService());
        paging.put("nextEscalationAt", format(record.getNextEscalationAt()));
        json.set("responseTimes", responseTimes(inc, now));
        return json;
    }

    /** TTD, TTA and TTR (SPEC §3.8); while open, {@code openForMs} says how long so far. */
    public static ObjectNode responseTimes(Incident inc, Instant now) {
        ResponseTimes t = ResponseTimes.of(inc.getStartedAt(), inc.getDetectedAt(), inc.getAcknowledgedAt(), inc.getResolvedAt());
        ObjectNode json = MAPPER.createObjectNode();
        json.put("ttdMs", t.ttdMs());
        json.put("ttaMs", t.ttaMs());
        json.put("ttrMs", t.ttrMs());
        if (inc.getState() != IncidentState.RESOLVED) {
            json.put("openForMs", Math.max(0, now.toEpochMilli() - inc.getDetectedAt().toEpochMilli()));
        }
        json.put("asOf", format(now));
        return json;
    }

    /** The reason of the latest ROOT_CAUSE timeline entry, or null. */
    public static String rootCauseReason(Incident inc) {
        List<TimelineEntry> timeline = inc.getTimeline();
        for (int i = timeline.size() - 1; i >= 0; i--) {
            if (timeline.get(i).getKind().equals("ROOT_CAUSE")) {
                return timeline.get(i).getDetail();
            }
        }
        return null;
    }

    public static ObjectNode alertExplanation(AlertExplanation e) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("fingerprint", e.fingerprint());
        json.put("verdict", e.verdict());
        json.put("incidentId", e.incidentId());
        json.put("heldByWindow", e.heldBy());
        if (e.occurrence() == null) {
            json.putNull("occurrence");
        } else {
            ObjectNode o = json.putObject("occurrence");
            o.put("number", e.occurrence().number());
            o.put("status", e.occurrence().status());
            o.put("duplicates", e.occurrence().duplicates());
            o.put("lastSeen", format(e.occurrence().lastSeen()));
            o.put("flap", e.occurrence().flap());
        }
        json.set("decisions", steps(e.steps()));
        json.put("droppedDecisions", e.droppedDecisions());
        return json;
    }

    public static ObjectNode incidentExplanation(IncidentRecord record, List<Step> steps) {
        Incident inc = record.getIncident();
        ObjectNode json = MAPPER.createObjectNode();
        json.put("incidentId", inc.getId());
        json.put("state", inc.getState().name());
        json.put("priority", inc.getPriority().name());
        json.put("rootCauseService", inc.getRootCauseService());
        json.put("rootCauseWhy", rootCauseReason(inc));
        json.set("decisions", steps(steps));
        return json;
    }

    public static ArrayNode steps(List<Step> steps) {
        ArrayNode array = MAPPER.createArrayNode();
        for (Step s : steps) {
            ObjectNode n = array.addObject();
            n.put("at", format(s.at()));
            n.put("stage", s.stage());
            n.put("kind", s.kind());
            n.put("detail", s.detail());
            n.put("fingerprint", s.fingerprint());
            n.put("incidentId", s.incidentId());
        }
        return array;
    }

    /** {@code {"error": ..., "field": ...}} (field omitted when null). */
    public static ObjectNode error(String message, String field) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("error", message);
        if (field != null) {
            json.put("field", field);
        }
        return json;
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static byte[] bytes(JsonNode json) {
        try {
            return MAPPER.writeValueAsString(json).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    static String format(Instant instant) {
        return instant == null ? null : RecordJson.formatInstant(instant);
    }
}
