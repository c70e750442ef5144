package io.alertflow.whatif;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.alertflow.json.RecordJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code --json} document: one JSON object with sorted keys, every documented key always present (null
 * when it has no value), timestamps as RFC 3339 UTC strings and durations in milliseconds, so that the same
 * input gives byte-identical output and a script can diff two runs. The schema is in docs/WHATIF.md.
 */
public final class JsonReport {
    /** Identifies the document's layout; bumped when a key changes meaning or disappears. */
    public static final String SCHEMA = "alertflow.what-if/1";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    /** The document for run {@code a} and, with {@code --compare}, run {@code b} (else null). */
    public static String render(Recording recording, RunResult a, RunResult b) {
        Map<String, Object> doc = new TreeMap<>();
        doc.put("schema", SCHEMA);
        doc.put("input", input(recording));
        doc.put("a", run(a));
        doc.put("b", b == null ? null : run(b));
        doc.put("comparison", b == null ? null : comparison(a, b));
        try {
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE
                    .withLinefeed("\n"));
            return MAPPER.writer(printer).writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps, lists, strings and numbers always serialise", e);
        }
    }

    private static Map<String, Object> input(Recording recording) {
        Map<String, Object> m = new TreeMap<>();
        m.put("records", recording.lines().size());
        m.put("byTopic", recording.countsByTopic());
        m.put("from", recording.isEmpty() ? null : time(Instant.ofEpochMilli(recording.firstTimestamp())));
        m.put("to", recording.isEmpty() ? null : time(Instant.ofEpochMilli(recording.lastTimestamp())));
        return m;
    }

    static Map<String, Object> run(RunResult r) {
        Map<String, Object> m = new TreeMap<>();
        m.put("settings", new TreeMap<>(r.settings()));
        m.put("totals", totals(r.totals()));
        List<Object> incidents = new ArrayList<>();
        r.incidents().forEach(i -> incidents.add(incident(i)));
        m.put("incidents", incidents);
        return m;
    }

    private static Map<String, Object> totals(Totals t) {
        Map<String, Object> m = new TreeMap<>();
        m.put("alertsIn", t.alertsIn());
        m.put("duplicates", t.duplicates());
        m.put("suppressed", t.suppressed());
        m.put("anomalies", t.anomalies());
        m.put("deadLetters", t.deadLetters());
        m.put("incidents", t.incidents());
        m.put("pages", t.pages());
        m.put("pagesByKind", new TreeMap<>(t.pagesByKind()));
        m.put("escalations", t.escalations());
        m.put("noiseReductionPercent", t.noiseReductionPercent());
        m.put("mttaMs", t.mttaMs());
        m.put("mttrMs", t.mttrMs());
        m.put("meanTtdMs", t.meanTtdMs());
        return m;
    }

    private static Map<String, Object> incident(IncidentReport i) {
        Map<String, Object> m = new TreeMap<>();
        m.put("id", i.id());
        m.put("correlationKey", i.correlationKey());
        m.put("title", i.title());
        m.put("state", i.state());
        m.put("priority", i.priority());
        m.put("rootCauseService", i.rootCauseService());
        m.put("services", i.services());
        m.put("members", List.copyOf(i.members()));
        List<Object> pages = new ArrayList<>();
        i.pages().forEach(p -> {
            Map<String, Object> pm = new TreeMap<>();
            pm.put("kind", p.kind());
            pm.put("level", p.level());
            pm.put("target", p.target());
            pm.put("at", time(p.at()));
            pages.add(pm);
        });
        m.put("pages", pages);
        m.put("startedAt", time(i.startedAt()));
        m.put("detectedAt", time(i.detectedAt()));
        m.put("acknowledgedAt", time(i.acknowledgedAt()));
        m.put("resolvedAt", time(i.resolvedAt()));
        m.put("reopenCount", i.reopenCount());
        m.put("ttdMs", i.ttdMs());
        m.put("ttaMs", i.ttaMs());
        m.put("ttrMs", i.ttrMs());
        return m;
    }

    private static Map<String, Object> comparison(RunResult a, RunResult b) {
        List<Comparison.Change> changes = Comparison.compare(a.incidents(), b.incidents());
        Map<String, Object> m = new TreeMap<>();
        Map<String, Long> counts = new TreeMap<>();
        Comparison.countByKind(changes).forEach((k, v) -> counts.put(k.name(), v));
        m.put("counts", counts);
        List<Object> list = new ArrayList<>();
        for (Comparison.Change c : changes) {
            Map<String, Object> cm = new TreeMap<>();
            cm.put("kind", c.kind().name());
            cm.put("a", c.a());
            cm.put("b", c.b());
            cm.put("detail", c.detail());
            list.add(cm);
        }
        m.put("changes", list);
        m.put("delta", delta(a.totals(), b.totals()));
        return m;
    }

    private static Map<String, Object> delta(Totals a, Totals b) {
        Map<String, Object> m = new TreeMap<>();
        m.put("duplicates", b.duplicates() - a.duplicates());
        m.put("suppressed", b.suppressed() - a.suppressed());
        m.put("anomalies", b.anomalies() - a.anomalies());
        m.put("incidents", b.incidents() - a.incidents());
        m.put("pages", b.pages() - a.pages());
        m.put("escalations", b.escalations() - a.escalations());
        Map<String, Long> byKind = new TreeMap<>();
        a.pagesByKind().forEach((k, v) -> byKind.put(k, b.pagesByKind().getOrDefault(k, 0L) - v));
        m.put("pagesByKind", byKind);
        return m;
    }

    private static String time(Instant t) {
        return t == null ? null : RecordJson.formatInstant(t);
    }
}
