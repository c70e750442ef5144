package io.alertflow.gateway.alertmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Severity;
import io.alertflow.gateway.SeverityMapping;
import io.alertflow.gateway.http.HttpProblem;
import io.alertflow.json.RecordJson;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WebhookAlertsTest {
    static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private final WebhookAlerts mapper = new WebhookAlerts(new SeverityMapping(Severity.WARNING));

    /** A notification as Alertmanager 0.25 sends it, one firing and one resolved alert. */
    static final String PAYLOAD = """
            {"receiver":"alertflow","status":"firing","alerts":[
              {"status":"firing","labels":{"alertname":"DBConnections","service":"payments-db","severity":"error"},
               "annotations":{"summary":"pool exhausted"},"startsAt":"2024-05-01T11:59:00.123456789Z",
               "endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prom/graph","fingerprint":"ignored"},
              {"status":"resolved","labels":{"alertname":"Latency","service":"checkout"},"annotations":{},
               "startsAt":"2024-05-01T11:00:00Z","endsAt":"2024-05-01T11:30:00Z","generatorURL":"","fingerprint":"x"}],
             "groupLabels":{"alertname":"DBConnections"},"commonLabels":{},"commonAnnotations":{},
             "externalURL":"http://am:9093","version":"4","groupKey":"{}:{alertname=\\"DBConnections\\"}","truncatedAlerts":0}
            """;

    @Test
    void shouldMapEachAlertWithItsOwnStatus() {
        List<RawAlert> alerts = mapper.map(RecordJson.parse(PAYLOAD), NOW);
        assertEquals(2, alerts.size());
        RawAlert firing = alerts.get(0);
        assertEquals(AlertStatus.FIRING, firing.getStatus());
        assertEquals(Severity.ERROR, firing.getSeverity());
        assertNull(firing.getEndsAt());
        assertEquals(Instant.parse("2024-05-01T11:59:00.123Z"), firing.getStartsAt());
        assertEquals("alertmanager", firing.getSource());
        assertEquals(io.alertflow.alert.Fingerprint.of(firing.getLabels()), firing.getFingerprint());
        RawAlert resolved = alerts.get(1);
        assertEquals(AlertStatus.RESOLVED, resolved.getStatus());
        assertEquals(Instant.parse("2024-05-01T11:30:00Z"), resolved.getEndsAt());
        assertEquals(Severity.WARNING, resolved.getSeverity());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("unsupported version", "{\"version\":\"3\",\"alerts\":[]}", "version"),
                Arguments.of("no alerts", "{\"version\":\"4\"}", "alerts"),
                Arguments.of("missing alert status", "{\"version\":\"4\",\"alerts\":[{\"labels\":{\"alertname\":\"A\"}}]}", "alerts[0].status"),
                Arguments.of("unknown alert status", "{\"alerts\":[{\"status\":\"pending\",\"labels\":{}}]}", "alerts[0].status"),
                Arguments.of("array instead of object", "[]", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void shouldRejectMalformedNotificationsNamingTheField(String name, String body, String field) {
        HttpProblem problem = assertThrows(HttpProblem.class, () -> mapper.map(RecordJson.parse(body), NOW));
        assertEquals(400, problem.status());
        assertEquals(field, problem.field());
    }
}
