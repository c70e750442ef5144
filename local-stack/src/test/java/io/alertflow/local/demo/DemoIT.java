package io.alertflow.local.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.avro.Anomaly;
import io.alertflow.avro.AnomalyKind;
import io.alertflow.avro.Incident;
import io.alertflow.avro.IncidentMetrics;
import io.alertflow.avro.IncidentState;
import io.alertflow.avro.Page;
import io.alertflow.avro.PageKind;
import io.alertflow.avro.Priority;
import io.alertflow.avro.SuppressedAlert;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./alertflow demo} end to end, in-process: a real KRaft broker, the streams app and the gateway, the
 * three default scenarios played over HTTP at 150x; then the story the output topics tell is checked. One run
 * is shared by every assertion (it takes about a minute).
 */
class DemoIT {
    static Demo.Result result;
    static String output;
    static Duration elapsed;

    @BeforeAll
    static void runTheDemo() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            result = new Demo(out, Demo.DEFAULT_SPEED, Demo.DEFAULT_SCENARIOS).run();
        }
        elapsed = Duration.ofNanos(System.nanoTime() - t0);
        output = buffer.toString(StandardCharsets.UTF_8);
    }

    static Incident paymentIncident() {
        List<Incident> matching = result.outcome().incidents().stream().filter(i -> i.getServices().contains("payments-db")).toList();
        assertEquals(1, matching.size(), "one incident for the payment outage, got " + matching + "\n" + output);
        return matching.get(0);
    }

    @Test
    void exitsZeroWithinAboutAMinute() {
        assertEquals(0, result.exitCode(), output);
        assertTrue(elapsed.compareTo(Duration.ofSeconds(90)) < 0, "took " + elapsed.toSeconds() + " s");
        result.playback().forEach((name, summary) -> assertEquals(0, summary.failedRequests(), name + ": " + summary));
    }

    @Test
    void thePaymentOutageIsOneP1IncidentRootedAtTheDatabaseWithTheDeployAsSuspect() {
        Incident i = paymentIncident();
        assertEquals(Priority.P1, i.getPriority());
        assertEquals("payments-db", i.getRootCauseService());
        assertTrue(i.getServices().containsAll(List.of("payments-api", "payments-db", "checkout", "api-gateway")), i.getServices().toString());
        assertFalse(i.getSuspectChanges().isEmpty(), "no suspect change");
        assertEquals("payments-api", i.getSuspectChanges().get(0).getService());
        assertEquals("v2.14.0", i.getSuspectChanges().get(0).getVersion());
        assertEquals("DEPLOY", i.getSuspectChanges().get(0).getKind());
    }

    @Test
    void thePaymentIncidentWasAcknowledgedMitigatedResolvedAndReopenedOnce() {
        Incident i = paymentIncident();
        assertEquals(IncidentState.RESOLVED, i.getState());
        assertEquals(1, i.getReopenCount());
        assertTrue(i.getAcknowledgedAt() != null && i.getMitigatedAt() != null, i.toString());
        List<PageKind> kinds = result.outcome().pagesOf(i.getId()).stream().map(Page::getKind).toList();
        assertEquals(List.of(PageKind.TRIGGER, PageKind.ESCALATE, PageKind.RESOLVE, PageKind.REOPEN, PageKind.RESOLVE), kinds);
    }

    /** In scenario time: the pool alert's pending minute is the TTD; acknowledged 8 min after the first alert. */
    @Test
    void responseTimesMatchTheScenario() {
        IncidentMetrics first = result.outcome().metrics().stream().filter(m -> m.getIncidentId().equals(paymentIncident().getId()))
                .findFirst().orElseThrow(() -> new AssertionError("no incident.metrics for the payment outage\n" + output));
        assertBetween("TTD", first.getTtdMs(), 0.9, 1.1);
        assertBetween("TTA", first.getTtaMs(), 7.5, 8.5);
        assertBetween("TTR", first.getTtrMs(), 22.5, 23.5);
    }

    static void assertBetween(String what, long realMillis, double minMinutes, double maxMinutes) {
        double minutes = realMillis * Demo.DEFAULT_SPEED / 60_000.0;
        assertTrue(minutes >= minMinutes && minutes <= maxMinutes, what + " " + minutes + " scenario minutes, expected "
                + minMinutes + ".." + maxMinutes);
    }

    @Test
    void theNightlyBatchIsSuppressedAndOnlyTheAlertThatOutlivesTheWindowBecomesAnIncident() {
        List<String> suppressed = result.outcome().suppressed().stream().map(SuppressedAlert::getAlert)
                .map(a -> a.getLabels().get("service")).toList();
        assertTrue(suppressed.containsAll(List.of("batch-runner", "reporting-db")), suppressed.toString());
        assertTrue(result.outcome().incidents().stream().noneMatch(i -> i.getServices().contains("batch-runner")), output);
        List<Incident> released = result.outcome().incidents().stream().filter(i -> i.getServices().contains("reporting-db")).toList();
        assertEquals(1, released.size(), output);
        assertTrue(result.outcome().pagesOf(released.get(0).getId()).isEmpty(), "a P4 is recorded, not paged");
    }

    @Test
    void theGradualLatencyRiseIsCaughtAsAnAnomaly() {
        List<Anomaly> anomalies = result.outcome().anomalies().stream()
                .filter(a -> a.getKind() == AnomalyKind.METRIC_RATE_OF_CHANGE && a.getService().equals("search")).toList();
        assertFalse(anomalies.isEmpty(), output);
        assertTrue(result.outcome().incidents().stream().anyMatch(i -> i.getServices().contains("search")), output);
    }

    @Test
    void nothingWasDeadLetteredAndMostAlertsNeverPaged() {
        assertEquals(List.of(), result.outcome().deadLetters());
        assertTrue(result.outcome().alertsIn() > 150, "alerts in " + result.outcome().alertsIn());
        assertTrue(result.outcome().noiseReductionPercent() > 95, "noise reduction " + result.outcome().noiseReductionPercent());
    }

    @Test
    void thePrintedReportTellsTheStory() {
        String id = paymentIncident().getId();
        assertTrue(output.contains("Incident " + id + "  P1  RESOLVED  (reopened 1x)"), output);
        assertTrue(output.contains("  root cause      payments-db\n"), output);
        assertTrue(output.contains("  suspect change  DEPLOY payments-api v2.14.0 at +00:30"), output);
        assertTrue(output.contains("Response times (scenario time)"), output);
        assertTrue(output.contains("  noise reduction  "), output);
        assertTrue(output.contains("] incident " + id + " opened: "), "live progress\n" + output);
        assertTrue(output.contains("] page TRIGGER -> payments-oncall"), "live progress\n" + output);
    }
}
