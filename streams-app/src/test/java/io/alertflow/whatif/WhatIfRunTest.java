package io.alertflow.whatif;

import static io.alertflow.whatif.RecordingBuilder.t;
import static io.alertflow.whatif.SampleRecordings.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.alert.Fingerprint;
import io.alertflow.avro.ActionKind;
import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The offline run end to end on the driver: what it counts, and that fed-back topics reach the topology exactly once. */
class WhatIfRunTest {
    static final WhatIfRun RUN = new WhatIfRun(new WhatIfRun.Options(null, Duration.ofHours(1)));

    @Test
    void paymentOutageIsOneIncidentRootedAtTheDatabaseThatReopens() {
        RunResult r = RUN.run(Map.of(), SampleRecordings.paymentOutage().build());

        assertEquals(1, r.incidents().size(), r.incidents()::toString);
        IncidentReport i = r.incidents().get(0);
        assertEquals("payments-db", i.rootCauseService());
        assertEquals("P1", i.priority());
        assertEquals("RESOLVED", i.state());
        assertEquals(1, i.reopenCount());
        assertEquals(List.of("TRIGGER", "ESCALATE", "RESOLVE", "REOPEN", "ESCALATE", "RESOLVE"),
                i.pages().stream().map(PageEvent::kind).toList());
        assertEquals(Duration.ofMinutes(1).toMillis(), i.ttdMs());
        assertEquals(Duration.parse("PT7M10S").toMillis(), i.ttaMs(), "acknowledged by fingerprint at 9m10s");
        assertEquals(4, i.members().size());

        Totals t = r.totals();
        assertEquals(190, t.alertsIn());
        assertEquals(1, t.suppressed(), "search's alert is held by its maintenance window");
        assertEquals(6, t.pages());
        assertEquals(2, t.escalations());
        assertEquals(96.8, t.noiseReductionPercent());
        assertTrue(t.duplicates() > 140, "re-sends absorbed: " + t.duplicates());
    }

    /** maintenance.windows.valid: the driver itself feeds what the window check writes to the global store. */
    @Test
    void aWindowReachesTheGlobalStoreWithoutBeingPipedBack() {
        RecordingBuilder r = new RecordingBuilder()
                .window("mw-1", "db upgrade", "service", "billing", T0, t(T0, "1h"), T0)
                .fireAndResend("DiskFull", "billing", Severity.CRITICAL, t(T0, "1m"), t(T0, "1m"), t(T0, "3m"));

        RunResult result = RUN.run(Map.of(), r.build());

        assertEquals(1, result.totals().suppressed());
        assertEquals(0, result.totals().incidents());
        assertEquals(0, result.totals().pages());
    }

    /** incident.index: an acknowledgement by fingerprint finds its incident through the global index. */
    @Test
    void anAcknowledgementByFingerprintFindsItsIncidentThroughTheIndex() {
        RecordingBuilder r = SampleRecordings.lonelyAlert().action(ActionKind.ACKNOWLEDGE, "DiskFull", "billing", t(T0, "1m"));

        IncidentReport i = RUN.run(Map.of(), r.build()).incidents().get(0);

        assertEquals(Duration.ofMinutes(1).toMillis(), i.ttaMs());
        assertEquals(0, RUN.run(Map.of(), r.build()).totals().deadLetters(), "the action was not dead-lettered");
    }

    /** alerts.synthetic: an anomaly's synthetic alert comes back into validation once and joins correlation. */
    @Test
    void aSurgeSyntheticAlertIsFedBackOnceAndOpensAnIncident() {
        RecordingBuilder r = SampleRecordings.slowQuerySurge();
        Map<String, String> settings = Map.of("anomaly.surge.warmup", "5m", "paging.min-priority", "P5");

        RunResult result = RUN.run(settings, r.build());

        assertTrue(result.totals().anomalies() >= 1, "a surge was detected: " + result.totals());
        String synthetic = Fingerprint.of(Map.of("alertname", "ALERT_RATE_SURGE", "service", "search"));
        List<IncidentReport> holding = result.incidents().stream().filter(i -> i.members().contains(synthetic)).toList();
        assertEquals(1, holding.size(), "one incident holds the synthetic alert: " + result.incidents());
        // Piped twice, the second copy would be a re-send: deduplication would count it.
        assertEquals(0, result.totals().duplicates());
    }

    @Test
    void theDrainLetsTheObservationWindowEndAfterTheLastRecord() {
        RecordingBuilder r = SampleRecordings.lonelyAlert();

        IncidentReport undrained = new WhatIfRun(new WhatIfRun.Options(null, Duration.ZERO)).run(Map.of(), r.build()).incidents().get(0);
        IncidentReport drained = RUN.run(Map.of(), r.build()).incidents().get(0);

        assertEquals("TRIGGERED", undrained.state(), "10 min observation still running at the last record");
        assertNull(undrained.ttrMs());
        assertEquals("RESOLVED", drained.state());
        assertEquals(Duration.ofMinutes(2).toMillis(), drained.ttrMs(), "resolvedAt is when the last alert resolved");
        assertEquals(List.of("TRIGGER", "RESOLVE"), drained.pages().stream().map(PageEvent::kind).toList());
    }

    @Test
    void theStateDirectoryIsDeletedAfterTheRun() throws Exception {
        long before = countStateDirs();
        RUN.run(Map.of(), SampleRecordings.lonelyAlert().build());
        assertEquals(before, countStateDirs());
    }

    private static long countStateDirs() throws Exception {
        try (var s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("alertflow-whatif-")).count();
        }
    }
}
