package io.alertflow.gateway.nativejson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.alertflow.alert.Fingerprint;
import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.MetricSample;
import io.alertflow.avro.RawAlert;
import io.alertflow.gateway.RouteFixture;
import io.alertflow.gateway.http.Accepted;
import io.alertflow.gateway.http.HttpProblem;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NativeEndpointsTest {
    private final RouteFixture gateway = new RouteFixture();

    @Test
    void shouldAcceptOneAlertBySpecFieldNamesComputingFingerprintAndReceivedAt() {
        Accepted accepted = gateway.call("native-alerts", """
                {"source":"custom","status":"FIRING","severity":"ERROR","labels":{"alertname":"A","service":"s"},
                 "startsAt":"2024-05-01T11:59:00Z","receivedAt":"2000-01-01T00:00:00Z","value":3.5}""");
        assertEquals(202, accepted.status());
        RawAlert alert = (RawAlert) accepted.records().get(0).value();
        assertEquals(Fingerprint.of(Map.of("alertname", "A", "service", "s")), alert.getFingerprint());
        assertEquals(alert.getFingerprint(), accepted.records().get(0).key());
        assertEquals(RouteFixture.NOW, alert.getReceivedAt(), "the gateway's clock wins");
        assertEquals(RouteFixture.NOW, accepted.records().get(0).timestamp());
        assertEquals(3.5, alert.getValue());
    }

    @Test
    void shouldAcceptAnArrayKeepingAGivenFingerprint() {
        Accepted accepted = gateway.call("native-alerts", """
                [{"fingerprint":"my-id","source":"c","status":"RESOLVED","severity":"INFO","labels":{"alertname":"A"}},
                 {"source":"c","status":"FIRING","severity":"INFO","labels":{"alertname":"B"}}]""");
        assertEquals(2, accepted.records().size());
        RawAlert first = (RawAlert) accepted.records().get(0).value();
        assertEquals("my-id", first.getFingerprint());
        assertEquals(AlertStatus.RESOLVED, first.getStatus());
        assertEquals(RouteFixture.NOW, first.getStartsAt(), "a missing startsAt is the time of receipt");
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("unknown field", "{\"source\":\"c\",\"status\":\"FIRING\",\"severity\":\"INFO\",\"labels\":{\"alertname\":\"A\"},\"sevrity\":1}", "sevrity"),
                Arguments.of("no alertname", "{\"source\":\"c\",\"status\":\"FIRING\",\"severity\":\"INFO\",\"labels\":{}}", "labels.alertname"),
                Arguments.of("second alert in the future", "[{\"source\":\"c\",\"status\":\"FIRING\",\"severity\":\"INFO\",\"labels\":{\"alertname\":\"A\"}},"
                        + "{\"source\":\"c\",\"status\":\"FIRING\",\"severity\":\"INFO\",\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"2030-01-01T00:00:00Z\"}]",
                        "[1].startsAt"),
                Arguments.of("bad status", "{\"source\":\"c\",\"status\":\"firing\",\"severity\":\"INFO\",\"labels\":{\"alertname\":\"A\"}}", "status"),
                Arguments.of("a number as body", "42", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void shouldRejectInvalidAlertsNamingTheField(String name, String body, String field) {
        HttpProblem problem = assertThrows(HttpProblem.class, () -> gateway.call("native-alerts", body));
        assertEquals(400, problem.status());
        assertEquals(field, problem.field(), problem.getMessage());
    }

    @Test
    void shouldAcceptMetricSamplesKeyedBySeries() {
        Accepted accepted = gateway.call("metric-samples", """
                [{"series":"checkout:p99","name":"p99_ms","service":"checkout","at":"2024-05-01T11:59:00Z","value":120.5},
                 {"series":"checkout:p99","name":"p99_ms","service":"checkout","value":121}]""");
        assertEquals(2, accepted.records().size());
        assertEquals("metrics.samples", accepted.records().get(0).topic());
        assertEquals("checkout:p99", accepted.records().get(0).key());
        assertEquals(RouteFixture.NOW, ((MetricSample) accepted.records().get(1).value()).getAt());
        HttpProblem problem = assertThrows(HttpProblem.class, () -> gateway.call("metric-samples",
                "{\"series\":\"\",\"name\":\"n\",\"service\":\"s\",\"value\":1}"));
        assertEquals("series", problem.field());
    }
}
