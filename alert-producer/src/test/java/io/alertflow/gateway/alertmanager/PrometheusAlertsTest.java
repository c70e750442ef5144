package io.alertflow.gateway.alertmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.alertflow.alert.Fingerprint;
import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Severity;
import io.alertflow.gateway.SeverityMapping;
import io.alertflow.gateway.http.HttpProblem;
import io.alertflow.json.RecordJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PrometheusAlertsTest {
    static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private final PrometheusAlerts mapper = new PrometheusAlerts(new SeverityMapping(Severity.WARNING));

    private RawAlert one(String alertJson) {
        List<RawAlert> alerts = mapper.map(RecordJson.parse("[" + alertJson + "]"), NOW);
        assertEquals(1, alerts.size());
        return alerts.get(0);
    }

    static Stream<Arguments> statuses() {
        return Stream.of(
                Arguments.of("endsAt ahead (firing, as Prometheus sends it)", "\"endsAt\":\"2024-05-01T12:04:00Z\"", AlertStatus.FIRING),
                Arguments.of("no endsAt", "\"startsAt\":\"2024-05-01T11:00:00Z\"", AlertStatus.FIRING),
                Arguments.of("endsAt in the past (resolved)", "\"endsAt\":\"2024-05-01T11:59:59.999999Z\"", AlertStatus.RESOLVED),
                Arguments.of("endsAt exactly now (resolved)", "\"endsAt\":\"2024-05-01T12:00:00Z\"", AlertStatus.RESOLVED),
                Arguments.of("Go zero time means no end", "\"endsAt\":\"0001-01-01T00:00:00Z\"", AlertStatus.FIRING));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statuses")
    void shouldDeriveStatusFromEndsAt(String name, String field, AlertStatus expected) {
        assertEquals(expected, one("{\"labels\":{\"alertname\":\"A\"}," + field + "}").getStatus());
    }

    static Stream<Arguments> severities() {
        return Stream.of(
                Arguments.of("critical", "{\"alertname\":\"A\",\"severity\":\"critical\"}", Severity.CRITICAL),
                Arguments.of("page", "{\"alertname\":\"A\",\"severity\":\"page\"}", Severity.CRITICAL),
                Arguments.of("warn", "{\"alertname\":\"A\",\"severity\":\"warn\"}", Severity.WARNING),
                Arguments.of("none", "{\"alertname\":\"A\",\"severity\":\"none\"}", Severity.INFO),
                Arguments.of("missing label gets the default", "{\"alertname\":\"A\"}", Severity.WARNING));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("severities")
    void shouldMapTheSeverityLabel(String name, String labels, Severity expected) {
        assertEquals(expected, one("{\"labels\":" + labels + "}").getSeverity());
    }

    @Test
    void shouldMapEveryFieldOfAPrometheusAlert() {
        RawAlert alert = one("{\"labels\":{\"alertname\":\"HighErrorRate\",\"service\":\"payments-api\",\"severity\":\"critical\"},"
                + "\"annotations\":{\"summary\":\"errors\",\"runbook_url\":\"https://rb\"},"
                + "\"startsAt\":\"2024-05-01T11:58:30.123456789+00:00\",\"endsAt\":\"2024-05-01T12:04:30.5Z\","
                + "\"generatorURL\":\"http://prom:9090/graph?g0.expr=x\"}");
        assertEquals(Fingerprint.of(Map.of("alertname", "HighErrorRate", "service", "payments-api", "severity", "critical")),
                alert.getFingerprint());
        assertEquals("prometheus", alert.getSource());
        assertEquals(Map.of("alertname", "HighErrorRate", "service", "payments-api", "severity", "critical"), alert.getLabels());
        assertEquals("https://rb", alert.getAnnotations().get("runbook_url"));
        assertEquals(Instant.parse("2024-05-01T11:58:30.123Z"), alert.getStartsAt());
        assertEquals(Instant.parse("2024-05-01T12:04:30.500Z"), alert.getEndsAt());
        assertEquals(NOW, alert.getReceivedAt());
        assertEquals("http://prom:9090/graph?g0.expr=x", alert.getGeneratorUrl());
    }

    @Test
    void shouldTakeTheTimeOfReceiptForAMissingStartsAtAndNoEnd() {
        RawAlert alert = one("{\"labels\":{\"alertname\":\"A\"}}");
        assertEquals(NOW, alert.getStartsAt());
        assertNull(alert.getEndsAt());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("object instead of array", "{\"labels\":{}}", null),
                Arguments.of("element not an object", "[1]", "[0]"),
                Arguments.of("label value not a string", "[{\"labels\":{\"alertname\":\"A\"}},{\"labels\":{\"alertname\":5}}]", "[1].labels.alertname"),
                Arguments.of("bad startsAt", "[{\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"yesterday\"}]", "[0].startsAt"),
                Arguments.of("labels not an object", "[{\"labels\":[]}]", "[0].labels"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void shouldRejectMalformedBodiesNamingTheField(String name, String body, String field) {
        HttpProblem problem = assertThrows(HttpProblem.class, () -> mapper.map(RecordJson.parse(body), NOW));
        assertEquals(400, problem.status());
        assertEquals(field, problem.field());
    }
}
