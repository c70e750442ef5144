package io.alertflow.maintenance;

import static io.alertflow.streams.TopologyFixture.firing;
import static io.alertflow.streams.TopologyFixture.resolved;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.alert.Fingerprint;
import io.alertflow.avro.AlertChange;
import io.alertflow.avro.ChangeType;
import io.alertflow.avro.DeadLetter;
import io.alertflow.avro.MaintenanceWindow;
import io.alertflow.avro.Matcher;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Recurrence;
import io.alertflow.avro.SuppressedAlert;
import io.alertflow.streams.TopologyFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MaintenanceTopologyTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Map<String, String> DB = Map.of("alertname", "PostgresDown", "service", "orders-db");
    private static final Map<String, String> API = Map.of("alertname", "HighLatency", "service", "checkout-api");
    /** Alerts must outlive the window without re-sends in these tests. */
    private static final Map<String, String> LONG_STALE = Map.of("alert.stale-after", "6h");

    @TempDir
    Path stateDir;

    static Instant berlin(String local) {
        return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
    }

    static MaintenanceWindow nightlyDbWindow() {
        return MaintenanceWindow.newBuilder().setId("mw-db").setName("orders-db nightly vacuum")
                .setMatchers(List.of(new Matcher("service", "=", "orders-db"), new Matcher("alertname", "=~", "Postgres.*")))
                .setStartsAt(berlin("2025-03-01T00:00")).setEndsAt(berlin("2025-12-31T00:00"))
                .setRecurrence(new Recurrence("FREQ=DAILY;BYHOUR=1;BYMINUTE=0", 3_600_000L, "Europe/Berlin"))
                .build();
    }

    static Stream<Arguments> dstNights() {
        return Stream.of(
                // Spring: 02:00 CET jumps to 03:00 CEST, so the 60 minutes from 01:00 end at 03:00 local.
                Arguments.of("spring forward, 30 March 2025", "2025-03-30T01:30", berlin("2025-03-30T03:00")),
                // Autumn: 01:00 CEST + 60 minutes is 02:00 CEST, before clocks fall back at 03:00 CEST.
                Arguments.of("fall back, 26 October 2025", "2025-10-26T01:30", berlin("2025-10-26T02:00")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dstNights")
    void theNightlyBerlinWindowSuppressesAt0130AndReleasesAtItsEnd(String night, String local, Instant windowEnd) {
        Instant at = berlin(local);
        try (TopologyFixture f = new TopologyFixture(stateDir, at, LONG_STALE)) {
            f.putWindow("mw-db", nightlyDbWindow(), at.minusSeconds(3600));
            f.alerts.pipeInput(Fingerprint.of(DB), firing(DB, at), at);
            f.alerts.pipeInput(Fingerprint.of(API), firing(API, at), at);

            List<SuppressedAlert> held = f.suppressed.readValuesToList();
            assertEquals(1, held.size());
            assertEquals("mw-db", held.get(0).getWindowId());
            assertEquals("orders-db nightly vacuum", held.get(0).getWindowName());
            assertEquals(windowEnd, held.get(0).getWindowEndsAt());
            List<AlertChange> passed = f.changes.readValuesToList();
            assertEquals(List.of(Fingerprint.of(API)), passed.stream().map(AlertChange::getFingerprint).toList(),
                    "the non-matching alert passes, the matching one is held");

            f.advance(Duration.between(at, windowEnd).minusSeconds(10));
            assertTrue(f.changes.isEmpty(), "still inside the window");
            f.advance(Duration.ofSeconds(15));
            List<AlertChange> released = f.changes.readValuesToList();
            assertEquals(1, released.size());
            AlertChange r = released.get(0);
            assertEquals(ChangeType.RELEASED, r.getChange());
            assertEquals(Fingerprint.of(DB), r.getFingerprint());
            assertEquals(windowEnd, r.getEffectiveStartsAt());
            assertEquals("mw-db", r.getReleasedFrom());
            assertTrue(!r.getDetectedAt().isBefore(windowEnd));
            assertEquals(0, f.storeSize(Maintenance.SUPPRESSED_STORE));
            assertEquals(0, f.storeSize(Maintenance.RELEASES));
        }
    }

    @Test
    void anAlertResolvedWhileSuppressedIsNeverSeenByCorrelation() {
        Instant at = berlin("2025-06-10T01:10");
        try (TopologyFixture f = new TopologyFixture(stateDir, at, LONG_STALE)) {
            f.putWindow("mw-db", nightlyDbWindow(), at.minusSeconds(60));
            RawAlert alert = firing(DB, at);
            f.alerts.pipeInput(Fingerprint.of(DB), alert, at);
            f.alerts.pipeInput(Fingerprint.of(DB), resolved(alert, at.plusSeconds(600)), at.plusSeconds(600));
            assertEquals(1, f.suppressed.readValuesToList().size());
            assertEquals(0, f.storeSize(Maintenance.SUPPRESSED_STORE));
            f.advance(Duration.ofHours(2));
            assertTrue(f.changes.isEmpty(), "neither the resolve nor a release reaches correlation");
        }
    }

    @Test
    void deletingTheWindowReleasesWhatItHoldsAtThatMoment() {
        Instant at = berlin("2025-06-10T01:10");
        try (TopologyFixture f = new TopologyFixture(stateDir, at, LONG_STALE)) {
            f.putWindow("mw-db", nightlyDbWindow(), at.minusSeconds(60));
            f.alerts.pipeInput(Fingerprint.of(DB), firing(DB, at), at);
            f.advance(Duration.ofMinutes(5));
            f.deleteWindow("mw-db", at.plusSeconds(300));
            f.advance(Duration.ofSeconds(10));
            List<AlertChange> released = f.changes.readValuesToList();
            assertEquals(1, released.size());
            assertEquals(ChangeType.RELEASED, released.get(0).getChange());
            assertTrue(released.get(0).getEffectiveStartsAt().isBefore(berlin("2025-06-10T02:00")),
                    "released when deleted, not at the scheduled end");
            assertEquals(0, f.storeSize(Maintenance.WINDOWS_STORE));
        }
    }

    @Test
    void anInvalidWindowGoesToTheDlqAndNeverMatches() {
        Instant at = berlin("2025-06-10T01:10");
        try (TopologyFixture f = new TopologyFixture(stateDir, at, LONG_STALE)) {
            MaintenanceWindow bad = MaintenanceWindow.newBuilder(nightlyDbWindow())
                    .setRecurrence(new Recurrence("FREQ=NIGHTLY", 3_600_000L, "Europe/Berlin")).build();
            f.putWindow("mw-db", bad, at.minusSeconds(60));
            List<DeadLetter> letters = f.dlq.readValuesToList();
            assertEquals(1, letters.size());
            assertEquals("maintenance-window", letters.get(0).getStage());
            assertEquals("maintenance.windows", letters.get(0).getSourceTopic());
            assertTrue(letters.get(0).getError().contains("recurrence.rrule"), letters.get(0).getError());

            f.alerts.pipeInput(Fingerprint.of(DB), firing(DB, at), at);
            assertTrue(f.suppressed.isEmpty());
            assertEquals(1, f.changes.readValuesToList().size());
        }
    }

    @Test
    void anInvalidNewVersionRemovesTheOldValidWindow() {
        Instant at = berlin("2025-06-10T01:10");
        try (TopologyFixture f = new TopologyFixture(stateDir, at, LONG_STALE)) {
            f.putWindow("mw-db", nightlyDbWindow(), at.minusSeconds(120));
            MaintenanceWindow bad = MaintenanceWindow.newBuilder(nightlyDbWindow())
                    .setMatchers(List.of(new Matcher("service", "=~", "(orders"))).build();
            f.putWindow("mw-db", bad, at.minusSeconds(60));
            assertEquals(1, f.dlq.readValuesToList().size());
            assertEquals(0, f.storeSize(Maintenance.WINDOWS_STORE));
            f.alerts.pipeInput(Fingerprint.of(DB), firing(DB, at), at);
            assertTrue(f.suppressed.isEmpty());
        }
    }

    @Test
    void inStreamTimeModeAReleaseDueBeforeARecordIsEmittedBeforeIt() {
        // A replay: the API alert at 04:00 moves stream time past the window's end (02:00); the held database
        // alert must be released first, at 02:00, whatever the stream thread's punctuation schedule.
        Instant at = berlin("2025-06-10T01:30");
        Map<String, String> values = new java.util.HashMap<>(LONG_STALE);
        values.put("timers.mode", "stream-time");
        try (TopologyFixture f = new TopologyFixture(stateDir, at, values)) {
            f.putWindow("mw-db", nightlyDbWindow(), at.minusSeconds(3600));
            f.alerts.pipeInput(Fingerprint.of(DB), firing(DB, at), at);
            Instant later = berlin("2025-06-10T04:00");
            f.alerts.pipeInput(Fingerprint.of(API), firing(API, later), later);

            List<AlertChange> out = f.changes.readValuesToList();
            assertEquals(List.of("RELEASED orders-db", "FIRED checkout-api"),
                    out.stream().map(c -> c.getChange() + " " + c.getAlert().getLabels().get("service")).toList());
            assertEquals(berlin("2025-06-10T02:00"), out.get(0).getAt());
        }
    }
}
