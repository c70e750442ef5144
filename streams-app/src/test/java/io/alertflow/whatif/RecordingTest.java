package io.alertflow.whatif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.avro.IncidentAction;
import io.alertflow.avro.MaintenanceWindow;
import io.alertflow.avro.RawAlert;
import io.alertflow.json.RecordJsonException;
import io.alertflow.json.RecordingLine;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading recordings: mixed topics, both timestamp forms, timestamp order, clear errors. */
class RecordingTest {
    static final String MIXED = """
            {"topic":"alerts.raw","timestamp":"2026-11-21T10:00:02Z","key":null,"value":{"fingerprint":null,"source":"prometheus","status":"FIRING","severity":"CRITICAL","labels":{"alertname":"DiskFull","service":"billing"},"annotations":{},"startsAt":"2026-11-21T10:00:00Z","endsAt":null,"receivedAt":1795255202000,"generatorUrl":null,"value":null}}
            {"topic":"services","timestamp":1795255200000,"key":"billing","value":{"name":"billing","tier":1,"team":null,"dependsOn":[],"runbookUrl":null,"escalation":null,"correlationGroup":null}}

            {"topic":"maintenance.windows","timestamp":"2026-11-21T10:00:01.500+01:00","key":"mw-1","value":null}
            {"topic":"incident.actions","timestamp":1795255203000,"key":null,"value":{"incidentId":null,"fingerprint":"0123456789abcdef","action":"ACKNOWLEDGE","actor":"alice","at":"2026-11-21T10:00:03Z","note":null}}
            {"topic":"changes","timestamp":1795255202000,"key":"billing","value":{"id":"d-1","service":"billing","kind":"DEPLOY","version":"v1","author":"ci","at":1795255202000,"description":null}}
            {"topic":"metrics.samples","timestamp":1795255200000,"key":"s1","value":{"series":"s1","name":"latency","service":"billing","labels":{},"at":"2026-11-21T10:00:00Z","value":12.5}}
            """;

    @Test
    void mixedTopicsAndBothTimestampFormsComeOutInTimestampOrder() {
        Recording r = Recording.read(new StringReader(MIXED));

        assertEquals(List.of("maintenance.windows", "services", "metrics.samples", "alerts.raw", "changes", "incident.actions"),
                r.lines().stream().map(RecordingLine::topic).toList(),
                "sorted by timestamp; equal timestamps keep file order (services before metrics.samples, alerts before changes)");
        assertEquals(Instant.parse("2026-11-21T09:00:01.500Z").toEpochMilli(), r.firstTimestamp(), "RFC 3339 with an offset");
        RawAlert alert = (RawAlert) r.lines().get(3).value();
        assertEquals(Instant.parse("2026-11-21T10:00:02Z"), alert.getReceivedAt(), "epoch ms inside the value");
        assertEquals(Instant.parse("2026-11-21T10:00:03Z"), ((IncidentAction) r.lines().get(5).value()).getAt());
        assertNull(r.lines().get(0).value(), "a tombstone deletes the window");
        assertEquals("mw-1", r.lines().get(0).key());
        assertEquals(6, r.countsByTopic().size());
    }

    @Test
    void anOutputTopicIsRejectedWithItsLineNumber() {
        String text = MIXED + "{\"topic\":\"pages\",\"timestamp\":1,\"key\":null,\"value\":null}\n";
        RecordJsonException e = assertThrows(RecordJsonException.class, () -> Recording.read(new StringReader(text)));
        assertTrue(e.getMessage().contains("line 8"), e.getMessage());
        assertTrue(e.getMessage().contains("pages"), e.getMessage());
    }

    @Test
    void aMalformedValueNamesLineAndField() {
        String text = "{\"topic\":\"alerts.raw\",\"timestamp\":1,\"key\":null,\"value\":{\"status\":\"BURNING\"}}\n";
        RecordJsonException e = assertThrows(RecordJsonException.class, () -> Recording.read(new StringReader(text)));
        assertTrue(e.getMessage().startsWith("line 1: value"), e.getMessage());
    }

    @Test
    void linesBuiltInMemoryAreCheckedToo() {
        RecordingLine output = new RecordingLine("incidents", 1, "x", null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Recording.of(List.of(output)));
        assertTrue(e.getMessage().contains("not an input topic"), e.getMessage());
        assertEquals(MaintenanceWindow.class, Recording.INPUT_TOPICS.get("maintenance.windows"));
    }

    @Test
    void reSendsOfAnAlertShareItsLabelsAndTheGivenLinesAreLeftAsTheyWere() {
        Recording read = Recording.read(new StringReader(MIXED));
        RawAlert alert = (RawAlert) read.lines().get(3).value();
        RawAlert resend = RawAlert.newBuilder(alert).setReceivedAt(alert.getReceivedAt().plusSeconds(30)).build();
        List<RecordingLine> given = List.of(new RecordingLine("alerts.raw", 2, "k", resend),
                new RecordingLine("alerts.raw", 1, "k", alert));

        Recording r = Recording.of(given);

        RawAlert first = (RawAlert) r.lines().get(0).value();
        RawAlert second = (RawAlert) r.lines().get(1).value();
        assertEquals(alert, first);
        assertEquals(resend, second);
        assertSame(first.getLabels(), second.getLabels(), "one label map for every re-send");
        assertSame(r.lines().get(0).key(), r.lines().get(1).key());
        assertThrows(UnsupportedOperationException.class, () -> first.getLabels().remove("service"));
        resend.getLabels().put("instance", "i-1");
        assertEquals(2, second.getLabels().size(), "the recording does not share maps with the lines it was given");
    }
}
