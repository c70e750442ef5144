package io.alertflow.anomaly;

import io.alertflow.alert.Fingerprint;
import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.Anomaly;
import io.alertflow.avro.AnomalyKind;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SyntheticAlertsTest {
    private static final Instant START = Instant.parse("2026-01-05T10:00:00Z");
    private static final Instant END = Instant.parse("2026-01-05T10:30:00Z");

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("raised surge fires", anomaly(AnomalyKind.ALERT_RATE_SURGE, null, false), AlertStatus.FIRING,
                        Map.of("alertname", "ALERT_RATE_SURGE", "service", "checkout"), null),
                arguments("cleared surge resolves at the clear time", anomaly(AnomalyKind.ALERT_RATE_SURGE, null, true),
                        AlertStatus.RESOLVED, Map.of("alertname", "ALERT_RATE_SURGE", "service", "checkout"), END),
                arguments("metric anomaly names its series", anomaly(AnomalyKind.METRIC_RATE_OF_CHANGE, "p99-checkout", false),
                        AlertStatus.FIRING, Map.of("alertname", "METRIC_RATE_OF_CHANGE", "service", "checkout",
                                "series", "p99-checkout"), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void carriesTheAnomalyAsAnAlert(String name, Anomaly anomaly, AlertStatus status, Map<String, String> labels,
                                    Instant endsAt) {
        RawAlert alert = SyntheticAlerts.of(anomaly);
        assertEquals(status, alert.getStatus());
        assertEquals(labels, alert.getLabels());
        assertEquals(Fingerprint.of(labels), alert.getFingerprint());
        assertEquals("anomaly-detector", alert.getSource());
        assertEquals(Severity.WARNING, alert.getSeverity());
        assertEquals(anomaly.getDetail(), alert.getAnnotations().get("summary"));
        assertEquals(END, alert.getReceivedAt());
        assertEquals(END, alert.getStartsAt());
        assertEquals(endsAt, alert.getEndsAt());
    }

    @Test
    void raiseAndClearShareAFingerprintThatDiffersPerSeriesAndKind() {
        String raised = SyntheticAlerts.of(anomaly(AnomalyKind.METRIC_RATE_OF_CHANGE, "a", false)).getFingerprint();
        assertEquals(raised, SyntheticAlerts.of(anomaly(AnomalyKind.METRIC_RATE_OF_CHANGE, "a", true)).getFingerprint());
        assertNotEquals(raised, SyntheticAlerts.of(anomaly(AnomalyKind.METRIC_RATE_OF_CHANGE, "b", false)).getFingerprint());
        assertNotEquals(SyntheticAlerts.of(anomaly(AnomalyKind.ALERT_RATE_SURGE, null, false)).getFingerprint(),
                raised);
    }

    @Test
    void nonFiniteObservationIsLeftOut() {
        Anomaly a = anomaly(AnomalyKind.METRIC_RATE_OF_CHANGE, "a", false);
        a.setObserved(Double.NaN);
        assertNull(SyntheticAlerts.of(a).getValue());
    }

    private static Anomaly anomaly(AnomalyKind kind, String series, boolean cleared) {
        return Anomaly.newBuilder().setKind(kind).setService("checkout").setSeries(series).setBaseline(2)
                .setObserved(40).setWindowStart(START).setWindowEnd(END).setDetail("alert rate of checkout surged")
                .setCleared(cleared).build();
    }
}
