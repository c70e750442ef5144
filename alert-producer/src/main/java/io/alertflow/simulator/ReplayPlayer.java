package io.alertflow.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertflow.avro.ChangeEvent;
import io.alertflow.avro.IncidentAction;
import io.alertflow.avro.MaintenanceWindow;
import io.alertflow.avro.MetricSample;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Service;
import io.alertflow.json.RecordJson;
import io.alertflow.json.RecordingLine;
import io.alertflow.json.RecordingReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * Posts a recording (SPEC §5 JSON Lines) to a running gateway with the records' original relative
 * timing divided by {@code speed}. Every timestamp inside the records is moved by the same mapping
 * ({@code now + (t - first) / speed}) unless {@code keepTimestamps}, so old recordings pass the
 * gateway's clock-skew and age checks and keep their internal order and spacing.
 */
public final class ReplayPlayer {
    private final GatewayClient client;
    private final double speed;
    private final boolean keepTimestamps;
    private final Clock clock;

    public ReplayPlayer(GatewayClient client, double speed, boolean keepTimestamps, Clock clock) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive, got " + speed);
        }
        this.client = client;
        this.speed = speed;
        this.keepTimestamps = keepTimestamps;
        this.clock = clock;
    }

    /** Replays every line; {@code progress} receives the number of lines sent (may be null). */
    public PlaybackSummary replay(RecordingReader reader, Consumer<Long> progress) throws InterruptedException {
        PlaybackSummary summary = new PlaybackSummary();
        Instant start = clock.instant();
        Long first = null;
        long lines = 0;
        for (RecordingLine line = reader.next(); line != null; line = reader.next()) {
            if (first == null) {
                first = line.timestamp();
            }
            long base = first;
            Instant due = start.plusNanos(Math.round((line.timestamp() - base) * 1e6 / speed));
            long wait = Duration.between(clock.instant(), due).toMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            send(line, t -> keepTimestamps ? t : start.plusNanos(Math.round((t.toEpochMilli() - base) * 1e6 / speed)), summary);
            lines++;
            if (progress != null) {
                progress.accept(lines);
            }
        }
        summary.finish(Duration.between(start, clock.instant()));
        return summary;
    }

    private void send(RecordingLine line, java.util.function.UnaryOperator<Instant> time, PlaybackSummary summary) {
        SpecificRecord value = line.value();
        String key = line.key();
        if (value == null) {
            String path = switch (line.topic()) {
                case "maintenance.windows" -> "/api/maintenance-windows/";
                case "services" -> "/api/services/";
                default -> throw new IllegalArgumentException("a tombstone on " + line.topic() + " cannot be replayed through the gateway");
            };
            summary.record(client.send("DELETE", path + encode(key), null), 0, 1, false);
            return;
        }
        if (value instanceof RawAlert a) {
            a.setStartsAt(time.apply(a.getStartsAt()));
            if (a.getEndsAt() != null) {
                a.setEndsAt(time.apply(a.getEndsAt()));
            }
            a.setReceivedAt(time.apply(a.getReceivedAt()));
            summary.record(client.send("POST", "/api/alerts", json(a)), 1, 0, false);
        } else if (value instanceof MaintenanceWindow w) {
            w.setStartsAt(time.apply(w.getStartsAt()));
            w.setEndsAt(time.apply(w.getEndsAt()));
            summary.record(client.send("PUT", "/api/maintenance-windows/" + encode(w.getId()), json(w)), 0, 1, false);
        } else if (value instanceof Service s) {
            summary.record(client.send("PUT", "/api/services/" + encode(s.getName()), json(s)), 0, 1, false);
        } else if (value instanceof ChangeEvent c) {
            c.setAt(time.apply(c.getAt()));
            summary.record(client.send("POST", "/api/changes", json(c)), 0, 1, false);
        } else if (value instanceof IncidentAction a) {
            a.setAt(time.apply(a.getAt()));
            if (a.getIncidentId() == null && a.getFingerprint() == null) {
                throw new IllegalArgumentException("an incident action needs an incidentId or a fingerprint");
            }
            String path = a.getIncidentId() != null ? "/api/incidents/" + encode(a.getIncidentId()) + "/actions"
                    : "/api/alerts/" + encode(a.getFingerprint()) + "/actions";
            summary.record(client.send("POST", path, json(a)), 0, 1, false);
        } else if (value instanceof MetricSample m) {
            m.setAt(time.apply(m.getAt()));
            summary.record(client.send("POST", "/api/metrics/samples", json(m)), 0, 1, false);
        } else {
            throw new IllegalArgumentException("records of " + line.topic() + " are outputs; only input topics can be replayed");
        }
    }

    private static String json(SpecificRecord record) {
        ObjectNode json = RecordJson.toJson(record);
        return json.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
