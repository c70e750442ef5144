package io.alertflow.dedup;

import static io.alertflow.streams.TopologyFixture.firing;
import static io.alertflow.streams.TopologyFixture.resend;
import static io.alertflow.streams.TopologyFixture.resolved;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.alert.Fingerprint;
import io.alertflow.avro.AlertChange;
import io.alertflow.avro.ChangeType;
import io.alertflow.avro.RawAlert;
import io.alertflow.streams.TopologyFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DedupTopologyTest {
    private static final Instant T0 = Instant.parse("2025-06-10T10:00:00Z");
    private static final Map<String, String> LABELS = Map.of("alertname", "HighLatency", "service", "checkout-api");
    private static final String FP = Fingerprint.of(LABELS);

    @TempDir
    Path stateDir;
    TopologyFixture f;

    @BeforeEach
    void start() {
        f = new TopologyFixture(stateDir, T0);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void thousandResendsForwardOneFiredAndTheResolveCarries999Duplicates() {
        RawAlert alert = firing(LABELS, T0);
        for (int i = 0; i < 1000; i++) {
            Instant at = T0.plusSeconds(i % 200);
            f.alerts.pipeInput(FP, resend(alert, at), at);
        }
        List<AlertChange> fired = f.changes.readValuesToList();
        assertEquals(1, fired.size());
        assertEquals(ChangeType.FIRED, fired.get(0).getChange());
        assertEquals(FP, fired.get(0).getFingerprint());
        assertEquals(1, fired.get(0).getOccurrence());
        assertFalse(fired.get(0).getFlap());

        f.alerts.pipeInput(FP, resolved(alert, T0.plusSeconds(300)), T0.plusSeconds(300));
        List<AlertChange> resolvedChanges = f.changes.readValuesToList();
        assertEquals(1, resolvedChanges.size());
        assertEquals(ChangeType.RESOLVED, resolvedChanges.get(0).getChange());
        assertEquals(999, resolvedChanges.get(0).getDuplicates());
        assertEquals(T0.plusSeconds(300), resolvedChanges.get(0).getAt());
    }

    @Test
    void aSecondResolveIsADuplicateAndAReFireIsAFlap() {
        RawAlert alert = firing(LABELS, T0);
        f.alerts.pipeInput(FP, alert, T0);
        f.alerts.pipeInput(FP, resolved(alert, T0.plusSeconds(60)), T0.plusSeconds(60));
        f.alerts.pipeInput(FP, resolved(alert, T0.plusSeconds(90)), T0.plusSeconds(90));
        RawAlert again = firing(LABELS, T0.plusSeconds(120));
        f.alerts.pipeInput(FP, again, T0.plusSeconds(120));

        List<AlertChange> out = f.changes.readValuesToList();
        assertEquals(List.of(ChangeType.FIRED, ChangeType.RESOLVED, ChangeType.FIRED),
                out.stream().map(AlertChange::getChange).toList());
        AlertChange refire = out.get(2);
        assertEquals(2, refire.getOccurrence());
        assertTrue(refire.getFlap());
        assertEquals(0, refire.getDuplicates());
        assertEquals(T0.plusSeconds(120), refire.getEffectiveStartsAt());
    }

    @Test
    void anAlertWithoutKeyIsRepartitionedByItsFingerprintAndStillDeduplicated() {
        RawAlert alert = firing(LABELS, T0);
        f.alerts.pipeInput((String) null, alert, T0);
        f.alerts.pipeInput(FP, resend(alert, T0.plusSeconds(30)), T0.plusSeconds(30));
        f.alerts.pipeInput("some-other-key", resend(alert, T0.plusSeconds(60)), T0.plusSeconds(60));
        List<TestRecord<String, AlertChange>> out = f.changes.readRecordsToList();
        assertEquals(1, out.size());
        assertEquals(FP, out.get(0).key());
    }

    @Test
    void anAlertNotRefreshedWithinStaleAfterIsResolvedAsStaleByTheWallClock() {
        RawAlert alert = firing(LABELS, T0);
        f.alerts.pipeInput(FP, alert, T0);
        f.alerts.pipeInput(FP, resend(alert, T0.plusSeconds(60)), T0.plusSeconds(60));
        f.changes.readValuesToList();

        f.advance(Duration.ofMinutes(5));
        assertTrue(f.changes.isEmpty(), "refreshed at T0+60s, so not stale before T0+6m");
        f.advance(Duration.ofMinutes(1).plusSeconds(5));
        List<AlertChange> out = f.changes.readValuesToList();
        assertEquals(1, out.size());
        assertEquals(ChangeType.STALE, out.get(0).getChange());
        assertEquals(T0.plusSeconds(60).plus(Duration.ofMinutes(5)), out.get(0).getAt());
        assertEquals(1, out.get(0).getDuplicates());
    }

    @Test
    void inStreamTimeModeTheSameTimerIsDrivenByRecordTimestampsNotTheWallClock() {
        f.close();
        f = new TopologyFixture(stateDir, T0, Map.of("timers.mode", "stream-time"));
        f.alerts.pipeInput(FP, firing(LABELS, T0), T0);
        f.advance(Duration.ofHours(1));
        assertEquals(List.of(ChangeType.FIRED), f.changes.readValuesToList().stream().map(AlertChange::getChange).toList(),
                "wall-clock time does not drive timers in replay mode");
        Map<String, String> other = Map.of("alertname", "Other", "service", "s");
        f.alerts.pipeInput(Fingerprint.of(other), firing(other, T0.plusSeconds(400)), T0.plusSeconds(400));
        List<AlertChange> out = f.changes.readValuesToList();
        // The stale change was due before the record that moved stream time, so it goes out first.
        assertEquals(List.of(ChangeType.STALE, ChangeType.FIRED), out.stream().map(AlertChange::getChange).toList());
        assertEquals(FP, out.get(0).getFingerprint());
    }

    @Test
    void anAlertPastItsEndsAtIsResolvedAsStale() {
        RawAlert alert = RawAlert.newBuilder(firing(LABELS, T0)).setEndsAt(T0.plusSeconds(90)).build();
        f.alerts.pipeInput(FP, alert, T0);
        f.changes.readValuesToList();
        f.advance(Duration.ofSeconds(95));
        List<AlertChange> out = f.changes.readValuesToList();
        assertEquals(1, out.size());
        assertEquals(ChangeType.STALE, out.get(0).getChange());
        assertEquals(T0.plusSeconds(90), out.get(0).getAt());
    }

    @Test
    void resolvedEntriesLeaveTheStoreAfterRetentionAndTheTimerIndexEmpties() {
        for (int i = 0; i < 20; i++) {
            Map<String, String> labels = Map.of("alertname", "A" + i, "service", "s");
            RawAlert alert = firing(labels, T0);
            f.alerts.pipeInput(Fingerprint.of(labels), alert, T0);
            if (i % 2 == 0) {
                f.alerts.pipeInput(Fingerprint.of(labels), resolved(alert, T0.plusSeconds(10)), T0.plusSeconds(10));
            }
        }
        assertEquals(20, f.storeSize(Dedup.STORE));
        // Odd alerts go stale after 5 min; everything is resolved and then forgotten one hour later.
        f.advance(Duration.ofMinutes(6));
        assertEquals(20, f.storeSize(Dedup.STORE));
        f.advance(Duration.ofMinutes(60));
        assertEquals(0, f.storeSize(Dedup.STORE));
        assertEquals(0, f.storeSize(Dedup.DEADLINES));
        long stale = f.changes.readValuesToList().stream().filter(c -> c.getChange() == ChangeType.STALE).count();
        assertEquals(10, stale);
    }

    @Test
    void inStreamTimeModeAStaleChangeDueBeforeARecordIsEmittedBeforeIt(@TempDir Path otherDir) {
        // A replay after a gap: the next record moves stream time past the first alert's stale deadline. The STALE
        // must come out first, stamped at its deadline, whatever the stream thread's punctuation schedule; a later
        // stage that sees the new record first could run its own timers (escalations) ahead of the STALE.
        try (TopologyFixture replay = new TopologyFixture(otherDir, T0, Map.of("timers.mode", "stream-time"))) {
            Map<String, String> other = Map.of("alertname", "DiskFull", "service", "billing-db");
            replay.alerts.pipeInput(FP, firing(LABELS, T0), T0);
            Instant afterGap = T0.plus(Duration.ofHours(3));
            replay.alerts.pipeInput(Fingerprint.of(other), firing(other, afterGap), afterGap);

            List<AlertChange> out = replay.changes.readValuesToList();
            assertEquals(List.of("FIRED " + FP, "STALE " + FP, "FIRED " + Fingerprint.of(other)),
                    out.stream().map(c -> c.getChange() + " " + c.getFingerprint()).toList());
            assertEquals(T0.plus(Duration.ofMinutes(5)), out.get(1).getAt());
        }
    }
}
