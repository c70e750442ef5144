package io.alertflow.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.avro.ActionKind;
import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.IncidentAction;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Severity;
import io.alertflow.json.RecordingLine;
import io.alertflow.json.RecordingReader;
import io.alertflow.json.RecordingWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayPlayerTest {
    static final InMemoryGateway gateway = new InMemoryGateway();
    static final Instant T0 = Instant.parse("2020-03-01T10:00:00Z");

    @AfterAll
    static void stop() {
        gateway.close();
    }

    static String recording() {
        RawAlert alert = new RawAlert("fp-1", "prometheus", AlertStatus.FIRING, Severity.ERROR, Map.of("alertname", "A", "service", "s"),
                Map.of(), T0.minusSeconds(60), null, T0, null, null);
        IncidentAction ack = new IncidentAction(null, "fp-1", ActionKind.ACKNOWLEDGE, "bob", T0.plusSeconds(120), null);
        StringWriter out = new StringWriter();
        try (RecordingWriter writer = new RecordingWriter(out)) {
            writer.write(new RecordingLine("alerts.raw", T0.toEpochMilli(), "fp-1", alert));
            writer.write(new RecordingLine("incident.actions", T0.plusSeconds(120).toEpochMilli(), "fp-1", ack));
            writer.write(new RecordingLine("maintenance.windows", T0.plusSeconds(180).toEpochMilli(), "w1", null));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    @Test
    void shouldReplayWithRelativeTimingMovingTimestampsToNow() throws Exception {
        gateway.records.clear();
        Instant before = Instant.now();
        long start = System.nanoTime();
        PlaybackSummary summary = new ReplayPlayer(gateway.client(), 600, false, Clock.systemUTC())
                .replay(new RecordingReader(new StringReader(recording()), RecordingLine.defaultTopicTypes()), null);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(0, summary.failedRequests(), summary.toString());
        assertTrue(millis >= 290, "3 recorded minutes at speed 600 take 0.3 s, took " + millis + " ms");

        RawAlert alert = (RawAlert) gateway.on("alerts.raw").get(0).value();
        assertEquals("fp-1", alert.getFingerprint());
        assertTrue(Duration.between(before, alert.getStartsAt()).abs().toSeconds() < 5, "startsAt moved to now: " + alert.getStartsAt());
        IncidentAction ack = (IncidentAction) gateway.on("incident.actions").get(0).value();
        assertEquals("fp-1", ack.getFingerprint());
        assertNull(gateway.on("maintenance.windows").get(0).value(), "the tombstone is replayed as DELETE");
    }

    @Test
    void shouldRunTheReplayCommandOnAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rec.jsonl");
        Files.writeString(file, recording());
        assertEquals(0, SimulatorMain.run("replay", file.toString(), "--gateway", gateway.server.uri().toString(), "--speed", "100000",
                "--no-progress"));
        assertEquals(0, SimulatorMain.run("simulate", "--scenario", "flapping", "--gateway", gateway.server.uri().toString(),
                "--speed", "100000", "--no-progress"));
        assertTrue(SimulatorMain.run("simulate", "--scenario", "no-such-scenario", "--gateway", gateway.server.uri().toString()) != 0);
    }
}
