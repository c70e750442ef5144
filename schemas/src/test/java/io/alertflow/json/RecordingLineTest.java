package io.alertflow.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.alertflow.avro.MaintenanceWindow;
import io.alertflow.avro.RawAlert;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RecordingLineTest {

    @Test
    void shouldWriteAndReadBackARecordingMixingTopicsAndTombstones() throws IOException {
        List<RecordingLine> lines = List.of(
                new RecordingLine("services", 1L, "payments-api", RecordSamples.all().get("Service")),
                new RecordingLine("alerts.raw", 2L, "0123456789abcdef", RecordSamples.rawAlert()),
                new RecordingLine("alerts.raw", 3L, null, RecordSamples.all().get("RawAlert with nulls")),
                new RecordingLine("maintenance.windows", 4L, "w1", null));
        StringWriter out = new StringWriter();
        try (RecordingWriter writer = new RecordingWriter(out)) {
            lines.forEach(writer::write);
        }
        List<RecordingLine> back = new ArrayList<>();
        try (RecordingReader reader = new RecordingReader(new StringReader(out + "\n\n"), RecordingLine.defaultTopicTypes())) {
            for (RecordingLine line = reader.next(); line != null; line = reader.next()) {
                back.add(line);
            }
        }
        assertEquals(lines, back);
    }

    @Test
    void shouldReadTheSpecExampleLineWithRfc3339Timestamps() {
        RecordingLine line = RecordingLine.parse("{\"topic\": \"alerts.raw\", \"timestamp\": 1714564800000, \"key\": \"k\", \"value\": "
                + "{\"source\":\"prometheus\",\"status\":\"FIRING\",\"severity\":\"WARNING\",\"labels\":{\"alertname\":\"A\"},"
                + "\"startsAt\":\"2024-05-01T12:00:00Z\",\"receivedAt\":\"2024-05-01T12:00:00.25Z\"}}", RecordingLine.defaultTopicTypes());
        RawAlert alert = (RawAlert) line.value();
        assertEquals("A", alert.getLabels().get("alertname"));
        assertEquals(1714564800250L, alert.getReceivedAt().toEpochMilli());
        assertEquals("k", line.key());
    }

    @Test
    void shouldReadATombstoneAsANullValue() {
        RecordingLine line = RecordingLine.parse("{\"topic\":\"maintenance.windows\",\"timestamp\":5,\"key\":\"w1\",\"value\":null}",
                RecordingLine.defaultTopicTypes());
        assertNull(line.value());
    }

    static Stream<Arguments> badLines() {
        return Stream.of(
                Arguments.of("unknown topic", "{\"topic\":\"nope\",\"timestamp\":1,\"key\":null,\"value\":null}", "line 1: topic"),
                Arguments.of("missing timestamp", "{\"topic\":\"services\",\"key\":\"a\",\"value\":null}", "line 1: timestamp"),
                Arguments.of("unknown line field", "{\"topic\":\"services\",\"timestamp\":1,\"partition\":0}", "line 1: partition"),
                Arguments.of("bad value field", "{\"topic\":\"services\",\"timestamp\":1,\"key\":\"a\",\"value\":{\"name\":\"a\",\"tier\":\"x\"}}",
                        "line 1: value.tier"),
                Arguments.of("not JSON", "topic=services", "line 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLines")
    void shouldNameTheLineAndFieldOfABadLine(String name, String text, String field) {
        RecordingReader reader = new RecordingReader(new StringReader(text), RecordingLine.defaultTopicTypes());
        RecordJsonException e = assertThrows(RecordJsonException.class, reader::next);
        assertEquals(field, e.field(), e.getMessage());
    }

    @Test
    void shouldDecodeValuesByTheGivenTopicMapping() {
        RecordingLine line = RecordingLine.parse("{\"topic\":\"my-windows\",\"timestamp\":1,\"key\":\"w\",\"value\":"
                + "{\"id\":\"w\",\"name\":\"n\",\"startsAt\":0,\"endsAt\":1}}", java.util.Map.of("my-windows", MaintenanceWindow.class));
        assertEquals("w", ((MaintenanceWindow) line.value()).getId());
    }
}
