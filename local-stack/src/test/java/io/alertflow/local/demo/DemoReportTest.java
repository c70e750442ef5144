package io.alertflow.local.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.avro.Incident;
import io.alertflow.avro.IncidentMetrics;
import io.alertflow.avro.IncidentState;
import io.alertflow.avro.NoiseReport;
import io.alertflow.avro.Page;
import io.alertflow.avro.PageKind;
import io.alertflow.avro.Priority;
import io.alertflow.avro.Severity;
import io.alertflow.avro.SuspectChange;
import io.alertflow.avro.TimelineEntry;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The demo report tells the story in scenario time and computes the summary from what the topics held. */
class DemoReportTest {
    static final Instant START = Instant.parse("2026-01-01T12:00:00Z");
    /** 150x: one real second is 2.5 scenario minutes, 400 ms one scenario minute. */
    static final DemoReport REPORT = new DemoReport(START, 150);

    static Instant minute(double m) {
        return START.plusMillis(Math.round(m * 400));
    }

    static Stream<Arguments> offsets() {
        return Stream.of(
                Arguments.of("the start", 0.0, "+00:00"),
                Arguments.of("minute 9", 9.0, "+09:00"),
                Arguments.of("half a minute", 0.5, "+00:30"),
                Arguments.of("past an hour", 95.75, "+95:45"),
                Arguments.of("before the start (startsAt of a pending alert)", -1.0, "-01:00"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("offsets")
    void showsRealInstantsAsScenarioOffsets(String name, double minutes, String expected) {
        assertEquals(expected, REPORT.offset(minute(minutes)));
    }

    static Stream<Arguments> durations() {
        return Stream.of(
                Arguments.of("ten scenario minutes", 4_000L, "10m 0s"),
                Arguments.of("under a minute", 100L, "15s"),
                Arguments.of("zero", 0L, "0s"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("durations")
    void showsRealDurationsInScenarioTime(String name, long realMillis, String expected) {
        assertEquals(expected, REPORT.duration(realMillis));
    }

    @Test
    void anIncidentShowsRootCauseSuspectChangeTimelineAndPages() {
        String text = REPORT.incident(paymentIncident(), List.of(page(PageKind.TRIGGER, 4), page(PageKind.RESOLVE, 37)));
        assertTrue(text.startsWith("Incident INC-1  P1  RESOLVED  (reopened 1x)\n"), text);
        assertTrue(text.contains("  root cause      payments-db\n"), text);
        assertTrue(text.contains("  suspect change  DEPLOY payments-api v2.14.0 at +00:30 (2m 30s before the start)\n"), text);
        assertTrue(text.contains("  services        payments-api, payments-db\n"), text);
        assertTrue(text.contains("    +09:00  ROOT_CAUSE       payments-db is the root-cause candidate\n"), text);
        assertTrue(text.contains("    +04:00  TRIGGER  level 1 -> payments-oncall (P1, incident version 1)\n"), text);
        assertTrue(text.contains("    +37:00  RESOLVE  level 1 -> payments-oncall"), text);
    }

    @Test
    void anUnpagedIncidentSaysWhy() {
        Incident quiet = Incident.newBuilder(paymentIncident()).setPriority(Priority.P4).setReopenCount(0).build();
        String text = REPORT.incident(quiet, List.of());
        assertTrue(text.contains("    none (P4 is below paging.min-priority)\n"), text);
        assertTrue(text.startsWith("Incident INC-1  P4  RESOLVED\n"), text);
    }

    @Test
    void theTableListsEveryResolutionWithTtdTtaTtr() {
        IncidentMetrics m = IncidentMetrics.newBuilder().setIncidentId("INC-1").setPriority(Priority.P1)
                .setServices(List.of("payments-api", "payments-db")).setStartedAt(minute(3)).setDetectedAt(minute(4))
                .setAcknowledgedAt(minute(14)).setResolvedAt(minute(27)).setTtdMs(400).setTtaMs(4_000L).setTtrMs(9_200)
                .setAlertCount(5).setDuplicateCount(80).setReopenCount(0).build();
        IncidentMetrics unacked = IncidentMetrics.newBuilder(m).setIncidentId("INC-2").setTtaMs(null).setAcknowledgedAt(null).build();
        String table = REPORT.responseTimes(List.of(m, unacked));
        assertTrue(table.contains("INC-1                        P1   1m 0s     10m 0s    23m 0s    0       payments-api, payments-db"), table);
        assertTrue(table.contains("INC-2                        P1   1m 0s     never     23m 0s"), table);
    }

    @Test
    void theSummaryComputesNoiseReductionFromPagesAndAlertsIn() {
        DemoOutcome outcome = new DemoOutcome();
        for (int i = 0; i < 200; i++) {
            outcome.alertIn();
        }
        outcome.incident(paymentIncident());
        outcome.page(page(PageKind.TRIGGER, 4));
        outcome.page(page(PageKind.RESOLVE, 37));
        outcome.noise("PaymentsApiMemoryHigh/payments-api", noise(70));
        outcome.noise("DBConnectionPoolExhausted/payments-db", noise(90));
        String summary = REPORT.summary(outcome);
        assertTrue(summary.contains("  alerts in        200\n"), summary);
        assertTrue(summary.contains("  duplicates       160\n"), summary);
        assertTrue(summary.contains("  incidents        1\n"), summary);
        assertTrue(summary.contains("  pages            2\n"), summary);
        assertTrue(summary.contains("  noise reduction  99.0 % (1 - pages / alerts in)\n"), summary);
    }

    @Test
    void withoutNoiseReportsDuplicatesAreNotGuessed() {
        DemoOutcome outcome = new DemoOutcome();
        String summary = REPORT.summary(outcome);
        assertTrue(summary.contains("  duplicates       n/a (no alerts.noise reports)\n"), summary);
        assertTrue(summary.contains("  noise reduction  n/a\n"), summary);
    }

    @Test
    void anOlderVersionOfAnIncidentNeverReplacesANewerOne() {
        DemoOutcome outcome = new DemoOutcome();
        Incident v5 = Incident.newBuilder(paymentIncident()).setVersion(5).setState(IncidentState.RESOLVED).build();
        Incident v4 = Incident.newBuilder(paymentIncident()).setVersion(4).setState(IncidentState.ACKNOWLEDGED).build();
        outcome.incident(v5);
        assertEquals(v5, outcome.incident(v4));
        assertEquals(IncidentState.RESOLVED, outcome.incidents().get(0).getState());
    }

    static Incident paymentIncident() {
        return Incident.newBuilder().setId("INC-1").setVersion(9).setState(IncidentState.RESOLVED).setPriority(Priority.P1)
                .setSeverity(Severity.CRITICAL).setTitle("DBConnectionPoolExhausted on payments-db").setCorrelationKey("component:api-gateway")
                .setServices(List.of("payments-api", "payments-db")).setRootCauseService("payments-db").setAlerts(List.of("a", "b"))
                .setAlertCount(2).setDuplicateCount(80).setStartedAt(minute(3)).setDetectedAt(minute(4)).setAcknowledgedAt(minute(14))
                .setMitigatedAt(minute(19)).setResolvedAt(minute(37)).setReopenCount(1).setEscalationLevel(1)
                .setSuspectChanges(List.of(new SuspectChange("chg-1", "payments-api", "DEPLOY", "v2.14.0", minute(0.5))))
                .setRunbookUrl("https://runbooks.example.com/payments-db")
                .setTimeline(List.of(new TimelineEntry(minute(4), "OPENED", "opened by PaymentsApiMemoryHigh"),
                        new TimelineEntry(minute(9), "ROOT_CAUSE", "payments-db is the root-cause candidate")))
                .build();
    }

    static Page page(PageKind kind, double at) {
        return Page.newBuilder().setIncidentId("INC-1").setKind(kind).setLevel(1).setTarget("payments-oncall").setPriority(Priority.P1)
                .setTitle("DBConnectionPoolExhausted on payments-db").setAt(minute(at)).setIncidentVersion(kind == PageKind.TRIGGER ? 1 : 9)
                .build();
    }

    static NoiseReport noise(long duplicates) {
        return NoiseReport.newBuilder().setAlertname("x").setService("s").setDuplicates(duplicates).setUpdatedAt(START).build();
    }
}
