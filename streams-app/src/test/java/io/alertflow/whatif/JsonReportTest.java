package io.alertflow.whatif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The --json document: byte-identical for the same input, sorted keys, documented fields present. */
class JsonReportTest {
    @TempDir
    Path dir;

    @Test
    void theSameInputTwiceGivesByteIdenticalJson() throws Exception {
        Path recording = dir.resolve("outage.jsonl");
        try (var w = io.alertflow.json.RecordingWriter.create(recording)) {
            SampleRecordings.paymentOutage().lines().forEach(w::write);
        }
        Path a = Files.writeString(dir.resolve("a.properties"), "reopen.window=30m\n");
        Path b = Files.writeString(dir.resolve("b.properties"), "reopen.window=5m\n");

        String first = run("--input", recording.toString(), "--config", a.toString(), "--compare", b.toString(), "--json");
        String second = run("--input", recording.toString(), "--config", a.toString(), "--compare", b.toString(), "--json");

        assertEquals(first, second);
        JsonNode doc = new ObjectMapper().readTree(first);
        assertEquals(JsonReport.SCHEMA, doc.get("schema").asText());
        assertEquals("SPLIT", doc.at("/comparison/changes/0/kind").asText());
        assertEquals(1, doc.at("/comparison/delta/incidents").asInt());
        assertEquals("5m", doc.at("/b/settings/reopen.window").asText());
        JsonNode incident = doc.at("/a/incidents/0");
        for (String key : List.of("id", "correlationKey", "rootCauseService", "priority", "members", "pages", "startedAt",
                "detectedAt", "acknowledgedAt", "resolvedAt", "ttdMs", "ttaMs", "ttrMs")) {
            assertTrue(incident.has(key), key + " in " + incident);
        }
        assertEquals("2026-11-21T10:02:00Z", incident.get("detectedAt").asText());
        assertEquals("TRIGGER", incident.at("/pages/0/kind").asText());
        assertSortedKeys(doc);
    }

    @Test
    void absentValuesAreNullsNotMissingKeys() {
        RunResult empty = new WhatIfRun(new WhatIfRun.Options(null, Duration.ZERO)).run(Map.of(), Recording.of(List.of()));
        String json = JsonReport.render(Recording.of(List.of()), empty, null);
        assertTrue(json.contains("\"mttaMs\" : null"), json);
        assertTrue(json.contains("\"b\" : null"), json);
        assertTrue(json.contains("\"comparison\" : null"), json);
    }

    @Test
    void badArgumentsExitWithTwoAndASentence() throws Exception {
        Path a = Files.writeString(dir.resolve("a.properties"), "correlation.window=soon\n");
        Path rec = Files.writeString(dir.resolve("r.jsonl"), "");
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new WhatIfCommand());
        cli.setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("--input", rec.toString(), "--config", a.toString()));
        assertTrue(err.toString().contains("correlation.window"), err.toString());
        assertEquals(2, cli.execute("--input", dir.resolve("missing.jsonl").toString(), "--config", a.toString()));
    }

    @Test
    void progressGoesToStderrAndLeavesTheJsonAlone(@TempDir Path dir) throws Exception {
        Path rec = dir.resolve("rec.jsonl");
        Files.copy(ExamplesTest.EXAMPLES.resolve("payment-outage.jsonl"), rec);
        Path a = ExamplesTest.EXAMPLES.resolve("whatif-a.properties");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new WhatIfCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        assertEquals(0, cli.execute("--input", rec.toString(), "--config", a.toString(), "--json", "--progress"));

        long records = Recording.read(rec).lines().size();
        assertTrue(err.toString().contains("whatif-a.properties") && err.toString().contains(records + "/" + records + " records"),
                err.toString());
        assertTrue(new ObjectMapper().readTree(out.toString()).path("a").has("incidents"), "stdout is the JSON report alone");
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new WhatIfCommand());
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute(args));
        return out.toString();
    }

    private static void assertSortedKeys(JsonNode node) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                keys.add(it.next());
            }
            List<String> sorted = new ArrayList<>(keys);
            sorted.sort(null);
            assertEquals(sorted, keys);
            node.elements().forEachRemaining(JsonReportTest::assertSortedKeys);
        } else if (node.isArray()) {
            node.elements().forEachRemaining(JsonReportTest::assertSortedKeys);
        }
    }
}
