package io.alertflow.gateway.pagerduty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertflow.avro.ActionKind;
import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.ChangeEvent;
import io.alertflow.avro.ChangeKind;
import io.alertflow.avro.IncidentAction;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Severity;
import io.alertflow.gateway.GatewayConfig;
import io.alertflow.gateway.RouteFixture;
import io.alertflow.gateway.http.Accepted;
import io.alertflow.gateway.http.HttpProblem;
import io.alertflow.json.RecordJson;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PagerDutyEventsTest {
    private final RouteFixture gateway = new RouteFixture();

    static final String TRIGGER = """
            {"routing_key":"R0123456789abcdef0123456789abcde","event_action":"trigger","dedup_key":"payments-db/pool",
             "payload":{"summary":"DB pool exhausted","source":"db-1.prod","severity":"critical","timestamp":"2024-05-01T11:59:00.5+00:00",
                        "component":"payments-db","group":"prod-db","class":"PoolExhausted","custom_details":{"used":100,"max":100}},
             "links":[{"href":"https://grafana/d/1","text":"dashboard"}],"client":"Grafana","client_url":"https://grafana"}
            """;

    @Test
    void shouldMapATriggerToAFiringAlertWhoseFingerprintIsTheDedupKey() {
        Accepted accepted = gateway.call("pagerduty-events", TRIGGER);
        assertEquals(202, accepted.status());
        JsonNode answer = RecordJson.parse(accepted.body());
        assertEquals("success", answer.get("status").textValue());
        assertEquals("Event processed", answer.get("message").textValue());
        assertEquals("payments-db/pool", answer.get("dedup_key").textValue());
        assertEquals("alerts.raw", accepted.records().get(0).topic());
        assertEquals("payments-db/pool", accepted.records().get(0).key());
        RawAlert alert = (RawAlert) accepted.records().get(0).value();
        assertEquals("payments-db/pool", alert.getFingerprint());
        assertEquals(AlertStatus.FIRING, alert.getStatus());
        assertEquals(Severity.CRITICAL, alert.getSeverity());
        assertEquals("pagerduty", alert.getSource());
        assertEquals("PoolExhausted", alert.getLabels().get("alertname"));
        assertEquals("payments-db", alert.getLabels().get("service"));
        assertEquals("prod-db", alert.getLabels().get("group"));
        assertEquals("DB pool exhausted", alert.getAnnotations().get("summary"));
        assertEquals("{\"used\":100,\"max\":100}", alert.getAnnotations().get("custom_details"));
        assertEquals(Instant.parse("2024-05-01T11:59:00.500Z"), alert.getStartsAt());
        assertEquals(RouteFixture.NOW, alert.getReceivedAt());
    }

    @Test
    void shouldGenerateAndReturnADedupKeyWhenATriggerHasNone() {
        Accepted accepted = gateway.call("pagerduty-events", """
                {"routing_key":"r","event_action":"trigger","payload":{"summary":"s","source":"checkout","severity":"info"}}""");
        String dedupKey = RecordJson.parse(accepted.body()).get("dedup_key").textValue();
        assertEquals(32, dedupKey.length());
        RawAlert alert = (RawAlert) accepted.records().get(0).value();
        assertEquals(dedupKey, alert.getFingerprint());
        assertEquals("pagerduty", alert.getLabels().get("alertname"));
        assertEquals("checkout", alert.getLabels().get("service"), "service falls back to payload.source");
        assertEquals(Severity.INFO, alert.getSeverity());
    }

    @Test
    void shouldMapAResolveToAResolvedAlertForTheDedupKey() {
        Accepted accepted = gateway.call("pagerduty-events", "{\"routing_key\":\"r\",\"event_action\":\"resolve\",\"dedup_key\":\"k1\"}");
        RawAlert alert = (RawAlert) accepted.records().get(0).value();
        assertEquals("k1", alert.getFingerprint());
        assertEquals(AlertStatus.RESOLVED, alert.getStatus());
        assertEquals(RouteFixture.NOW, alert.getEndsAt());
        assertEquals("alerts.raw", accepted.records().get(0).topic());
    }

    @Test
    void shouldMapAnAcknowledgeToAnIncidentActionAddressedByFingerprint() {
        Accepted accepted = gateway.call("pagerduty-events",
                "{\"routing_key\":\"r\",\"event_action\":\"acknowledge\",\"dedup_key\":\"k1\",\"client\":\"phone\"}");
        assertEquals("incident.actions", accepted.records().get(0).topic());
        IncidentAction action = (IncidentAction) accepted.records().get(0).value();
        assertNull(action.getIncidentId());
        assertEquals("k1", action.getFingerprint());
        assertEquals(ActionKind.ACKNOWLEDGE, action.getAction());
        assertEquals("pagerduty:phone", action.getActor());
        assertEquals(RouteFixture.NOW, action.getAt());
        assertEquals("k1", RecordJson.parse(accepted.body()).get("dedup_key").textValue());
    }

    static Stream<Arguments> invalidEvents() {
        String payload = "\"payload\":{\"summary\":\"s\",\"source\":\"src\",\"severity\":\"critical\"}";
        return Stream.of(
                Arguments.of("no routing_key", "{\"event_action\":\"trigger\"," + payload + "}", "routing_key"),
                Arguments.of("unknown event_action", "{\"routing_key\":\"r\",\"event_action\":\"snooze\"," + payload + "}", "event_action"),
                Arguments.of("trigger without payload", "{\"routing_key\":\"r\",\"event_action\":\"trigger\"}", "payload"),
                Arguments.of("summary missing", "{\"routing_key\":\"r\",\"event_action\":\"trigger\",\"payload\":{\"source\":\"s\",\"severity\":\"info\"}}",
                        "payload.summary"),
                Arguments.of("summary over 1024", "{\"routing_key\":\"r\",\"event_action\":\"trigger\"," + payload.replace("\"s\"",
                        "\"" + "x".repeat(1025) + "\"") + "}", "payload.summary"),
                Arguments.of("source missing", "{\"routing_key\":\"r\",\"event_action\":\"trigger\",\"payload\":{\"summary\":\"s\",\"severity\":\"info\"}}",
                        "payload.source"),
                Arguments.of("unknown severity", "{\"routing_key\":\"r\",\"event_action\":\"trigger\"," + payload.replace("critical", "high") + "}",
                        "payload.severity"),
                Arguments.of("dedup_key over 255", "{\"routing_key\":\"r\",\"event_action\":\"trigger\",\"dedup_key\":\"" + "k".repeat(256) + "\","
                        + payload + "}", "dedup_key"),
                Arguments.of("acknowledge without dedup_key", "{\"routing_key\":\"r\",\"event_action\":\"acknowledge\"}", "dedup_key"),
                Arguments.of("resolve without dedup_key", "{\"routing_key\":\"r\",\"event_action\":\"resolve\"}", "dedup_key"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidEvents")
    void shouldRejectInvalidEventsNamingTheField(String name, String body, String field) {
        HttpProblem problem = assertThrows(HttpProblem.class, () -> gateway.call("pagerduty-events", body));
        assertEquals(400, problem.status());
        assertEquals(field, problem.field());
    }

    @Test
    void shouldRefuseARoutingKeyThatIsNotConfigured() {
        RouteFixture strict = new RouteFixture(GatewayConfig.of(Map.of(GatewayConfig.PAGERDUTY_ROUTING_KEYS, "key-a, key-b")));
        String event = "{\"routing_key\":\"%s\",\"event_action\":\"acknowledge\",\"dedup_key\":\"k\"}";
        assertEquals(401, assertThrows(HttpProblem.class, () -> strict.call("pagerduty-events", event.formatted("key-c"))).status());
        assertEquals(202, strict.call("pagerduty-events", event.formatted("key-b")).status());
    }

    @Test
    void shouldMapAChangeEvent() {
        Accepted accepted = gateway.call("pagerduty-changes", """
                {"routing_key":"r","payload":{"summary":"deploy v1.2.3","source":"ci","timestamp":"2024-05-01T11:00:00Z",
                 "custom_details":{"service":"payments-api","version":"v1.2.3","author":"alice","kind":"feature-flag"}}}""");
        assertEquals(202, accepted.status());
        assertEquals("changes", accepted.records().get(0).topic());
        assertEquals("payments-api", accepted.records().get(0).key());
        ChangeEvent change = (ChangeEvent) accepted.records().get(0).value();
        assertEquals(ChangeKind.FEATURE_FLAG, change.getKind());
        assertEquals("v1.2.3", change.getVersion());
        assertEquals("alice", change.getAuthor());
        assertEquals("deploy v1.2.3", change.getDescription());
        assertEquals(Instant.parse("2024-05-01T11:00:00Z"), change.getAt());
        assertTrue(RecordJson.parse(accepted.body()).get("status").textValue().equals("success"));
    }
}
