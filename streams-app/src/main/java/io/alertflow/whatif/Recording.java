package io.alertflow.whatif;

import io.alertflow.avro.ChangeEvent;
import io.alertflow.avro.IncidentAction;
import io.alertflow.avro.MaintenanceWindow;
import io.alertflow.avro.MetricSample;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Service;
import io.alertflow.json.RecordingLine;
import io.alertflow.json.RecordingReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * The recorded inputs of a what-if run (SPEC §5): the six input topics under their SPEC names, mixed,
 * put in timestamp order (stable: lines with equal timestamps keep their file order).
 *
 * <p>The whole recording is held in memory because a file may mix topics out of order and the run must see them in
 * timestamp order: about 200 bytes per recorded alert, whose re-sends share their labels and annotations (see
 * {@link RecordCopy#freeze}), against about 1 KB as read.
 */
public final class Recording {
    /** SPEC §2 input topics by their default names, which recordings always use, with their record types. */
    public static final Map<String, Class<? extends SpecificRecord>> INPUT_TOPICS = inputTopics();

    private static final String ALERTS = "alerts.raw";
    private final List<RecordingLine> lines;

    private Recording(List<RecordingLine> lines) {
        this.lines = lines;
    }

    private static Map<String, Class<? extends SpecificRecord>> inputTopics() {
        Map<String, Class<? extends SpecificRecord>> m = new LinkedHashMap<>();
        m.put("alerts.raw", RawAlert.class);
        m.put("maintenance.windows", MaintenanceWindow.class);
        m.put("services", Service.class);
        m.put("changes", ChangeEvent.class);
        m.put("incident.actions", IncidentAction.class);
        m.put("metrics.samples", MetricSample.class);
        return Collections.unmodifiableMap(m);
    }

    /** Reads a recording file; a malformed line fails with its line number and field. */
    public static Recording read(Path file) throws IOException {
        try (RecordingReader reader = RecordingReader.open(file, INPUT_TOPICS)) {
            return read(reader);
        }
    }

    /** Reads a recording from text (tests). */
    public static Recording read(Reader text) {
        return read(new RecordingReader(text, INPUT_TOPICS));
    }

    private static Recording read(RecordingReader reader) {
        // Frozen line by line, so that reading a large file never holds its lines as parsed (about 1 KB per alert),
        // only their frozen copies and, until the end of the file, one table entry per distinct value.
        RecordCopy.Shared shared = new RecordCopy.Shared();
        List<RecordingLine> lines = new ArrayList<>();
        for (RecordingLine line = reader.next(); line != null; line = reader.next()) {
            lines.add(frozen(line, shared));
        }
        return sorted(lines);
    }

    /** A recording of the given lines, put in timestamp order; every topic must be an input topic. */
    public static Recording of(List<RecordingLine> lines) {
        RecordCopy.Shared shared = new RecordCopy.Shared();
        List<RecordingLine> frozen = new ArrayList<>(lines.size());
        for (RecordingLine line : lines) {
            if (!INPUT_TOPICS.containsKey(line.topic())) {
                throw new IllegalArgumentException("topic '" + line.topic() + "' is not an input topic; a recording holds "
                        + INPUT_TOPICS.keySet());
            }
            frozen.add(frozen(line, shared));
        }
        return sorted(frozen);
    }

    private static Recording sorted(List<RecordingLine> lines) {
        lines.sort(Comparator.comparingLong(RecordingLine::timestamp)); // List.sort is stable
        return new Recording(Collections.unmodifiableList(lines));
    }

    /**
     * The line with its alert frozen: runs copy only the alert record and share its labels and annotations, and the
     * re-sends of one alert hold one label map, one fingerprint (also the key) and one start time between them.
     */
    private static RecordingLine frozen(RecordingLine line, RecordCopy.Shared shared) {
        if (!line.topic().equals(ALERTS)) {
            return line;
        }
        String key = line.key() == null ? null : shared.one(line.key());
        return new RecordingLine(line.topic(), line.timestamp(), key, RecordCopy.freeze(line.value(), shared));
    }

    /** The lines in timestamp order. */
    public List<RecordingLine> lines() {
        return lines;
    }

    /** Number of records per topic, by topic name. */
    public Map<String, Long> countsByTopic() {
        Map<String, Long> counts = new TreeMap<>();
        lines.forEach(l -> counts.merge(l.topic(), 1L, Long::sum));
        return counts;
    }

    /** Number of records on one topic. */
    public long count(String topic) {
        return lines.stream().filter(l -> l.topic().equals(topic)).count();
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    /** Timestamp of the first record; only for a non-empty recording. */
    public long firstTimestamp() {
        return lines.get(0).timestamp();
    }

    /** Timestamp of the last record; only for a non-empty recording. */
    public long lastTimestamp() {
        return lines.get(lines.size() - 1).timestamp();
    }
}
