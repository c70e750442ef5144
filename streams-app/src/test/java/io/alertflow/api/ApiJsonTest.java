package io.alertflow.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertflow.avro.Incident;
import io.alertflow.avro.IncidentRecord;
import io.alertflow.avro.IncidentState;
import io.alertflow.explain.PostmortemTestAccess;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ApiJsonTest {
    static final Instant NOW = Instant.parse("2026-11-21T10:30:00Z");

    @Test
    void writesTimestampsAsRfc3339AndEnumsAsSymbols() {
        JsonNode json = ApiJson.detail(PostmortemTestAccess.incident(), NOW);
        assertEquals("2026-11-21T10:01:00Z", json.get("detectedAt").asText());
        assertEquals("RESOLVED", json.get("state").asText());
        assertEquals("P1", json.get("priority").asText());
        assertEquals("2026-11-21T09:50:00Z", json.get("suspectChanges").get(0).get("at").asText());
        assertEquals("HighLatency", json.get("members").get(0).get("alertname").asText());
        assertFalse(json.get("members").get(0).has("groupValues"), "internal grouping key stays internal");
        assertTrue(json.get("rootCause").get("why").asText().contains("payments-api depends on it"));
        assertEquals("payments-db", json.get("paging").get("policyOf").asText());
    }

    @Test
    void summaryLeavesOutTheTimeline() {
        JsonNode json = ApiJson.summary(PostmortemTestAccess.incident().getIncident(), NOW);
        assertFalse(json.has("timeline"));
        assertEquals("INC-1", json.get("id").asText());
    }

    static Stream<Arguments> times() {
        return Stream.of(
                Arguments.of("resolved: TTD, TTA, TTR, no openFor", IncidentState.RESOLVED, true, true, 60_000L, 420_000L, 1_200_000L, null),
                Arguments.of("acknowledged, open: TTR null, open 29 min", IncidentState.ACKNOWLEDGED, true, false, 60_000L, 420_000L, null, 1_740_000L),
                Arguments.of("never acknowledged, open", IncidentState.TRIGGERED, false, false, 60_000L, null, null, 1_740_000L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("times")
    void responseTimesSoFar(String name, IncidentState state, boolean acked, boolean resolved, Long ttd, Long tta, Long ttr, Long openFor) {
        Incident inc = PostmortemTestAccess.incident().getIncident();
        inc.setState(state);
        if (!acked) {
            inc.setAcknowledgedAt(null);
        }
        if (!resolved) {
            inc.setResolvedAt(null);
        }
        JsonNode t = ApiJson.responseTimes(inc, NOW);
        assertEquals(ttd, t.get("ttdMs").isNull() ? null : t.get("ttdMs").asLong());
        assertEquals(tta, t.get("ttaMs").isNull() ? null : t.get("ttaMs").asLong());
        assertEquals(ttr, t.get("ttrMs").isNull() ? null : t.get("ttrMs").asLong());
        assertEquals(openFor, t.has("openForMs") ? t.get("openForMs").asLong() : null);
        assertEquals("2026-11-21T10:30:00Z", t.get("asOf").asText());
    }

    @Test
    void errorsCarryTheReasonAndTheField() {
        assertEquals("{\"error\":\"limit must be between 1 and 500, got 0\",\"field\":\"limit\"}",
                new String(ApiJson.bytes(ApiJson.error("limit must be between 1 and 500, got 0", "limit"))));
        IncidentRecord r = PostmortemTestAccess.incident();
        assertEquals(r.getIncident().getId(), ApiJson.incidentExplanation(r, java.util.List.of()).get("incidentId").asText());
    }
}
