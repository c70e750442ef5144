package io.alertflow.whatif;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.alertflow.json.RecordingLine;
import io.alertflow.json.RecordingWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * examples/ (the recording and the two configurations the docs use) stay what the docs say: the recording is
 * {@link SampleRecordings#paymentOutage()}, and B's narrower reopen window splits A's incident in two.
 * Regenerate the recording with {@code -Dwhatif.writeExamples=true}.
 */
class ExamplesTest {
    static final Path EXAMPLES = Path.of("..", "examples");

    @Test
    void theExampleRecordingIsThePaymentOutage() throws Exception {
        StringWriter text = new StringWriter();
        try (RecordingWriter w = new RecordingWriter(text)) {
            SampleRecordings.paymentOutage().lines().stream()
                    .sorted(java.util.Comparator.comparingLong(RecordingLine::timestamp)).forEach(w::write);
        }
        Path file = EXAMPLES.resolve("payment-outage.jsonl");
        if (Boolean.getBoolean("whatif.writeExamples")) {
            Files.writeString(file, text.toString());
        }
        assertEquals(text.toString(), Files.readString(file));
    }

    @Test
    void configurationBSplitsTheIncidentOfConfigurationA() throws Exception {
        Recording recording = Recording.read(EXAMPLES.resolve("payment-outage.jsonl"));
        WhatIfRun run = new WhatIfRun(new WhatIfRun.Options(null, Duration.ofHours(1)));

        RunResult a = run.run(Settings.read(EXAMPLES.resolve("whatif-a.properties")), recording);
        RunResult b = run.run(Settings.read(EXAMPLES.resolve("whatif-b.properties")), recording);

        List<Comparison.Change> changes = Comparison.compare(a.incidents(), b.incidents());
        assertEquals(List.of(Comparison.Kind.SPLIT), changes.stream().map(Comparison.Change::kind).toList());
        assertEquals(1, a.totals().pagesByKind().get("REOPEN"));
        assertEquals(2, b.totals().pagesByKind().get("TRIGGER"));
    }
}
