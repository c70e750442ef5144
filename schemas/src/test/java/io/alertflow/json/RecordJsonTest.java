package io.alertflow.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.MaintenanceWindow;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Service;
import io.alertflow.avro.Severity;
import java.time.Instant;
import io.alertflow.testing.SchemaDrivenRecords;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RecordJsonTest {

    static Stream<Arguments> everyRecordType() {
        return RecordSamples.all().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRecordType")
    void shouldRoundTripEveryRecordTypeThroughJsonText(String name, SpecificRecord record) {
        String json = RecordJson.toJsonString(record);
        SpecificRecord back = RecordJson.read(json, record.getClass());
        assertEquals(record, back, json);
    }

    /** Every generated record class, found on disk, so record types added later are covered too. */
    static Stream<Arguments> everyGeneratedClass() throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of(RawAlert.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("io/alertflow/avro");
        try (Stream<java.nio.file.Path> files = java.nio.file.Files.list(dir)) {
            List<Class<?>> classes = new java.util.ArrayList<>();
            for (java.nio.file.Path f : files.filter(f -> f.getFileName().toString().matches("[A-Za-z]+\\.class")).toList()) {
                Class<?> c = Class.forName("io.alertflow.avro." + f.getFileName().toString().replace(".class", ""));
                if (SpecificRecord.class.isAssignableFrom(c)) {
                    classes.add(c);
                }
            }
            return classes.stream().sorted(java.util.Comparator.comparing(Class::getSimpleName))
                    .map(c -> Arguments.of(c.getSimpleName(), c));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyGeneratedClass")
    @SuppressWarnings("unchecked")
    void shouldRoundTripASchemaDrivenInstanceOfEveryGeneratedClass(String name, Class<?> type) {
        SpecificRecord record = SchemaDrivenRecords.instanceOf((Class<SpecificRecord>) type);
        assertEquals(record, RecordJson.read(RecordJson.toJsonString(record), (Class<SpecificRecord>) type));
    }

    @Test
    void shouldWriteSpecFieldNamesTimestampsAsRfc3339AndEnumsAsSymbols() {
        JsonNode json = RecordJson.toJson(RecordSamples.rawAlert());
        assertEquals("2024-05-01T12:00:00.123Z", json.get("startsAt").textValue());
        assertEquals("FIRING", json.get("status").textValue());
        assertEquals("payments-api", json.get("labels").get("service").textValue());
        assertEquals(0.42, json.get("value").doubleValue());
        assertTrue(RecordJson.toJson(RecordSamples.all().get("RawAlert with nulls")).get("endsAt").isNull());
    }

    static Stream<Arguments> timestamps() {
        return Stream.of(
                Arguments.of("no fraction", "\"2024-05-01T12:00:00Z\"", "2024-05-01T12:00:00Z"),
                Arguments.of("one fraction digit", "\"2024-05-01T12:00:00.5Z\"", "2024-05-01T12:00:00.500Z"),
                Arguments.of("milliseconds", "\"2024-05-01T12:00:00.123Z\"", "2024-05-01T12:00:00.123Z"),
                Arguments.of("nanoseconds as Go writes them, truncated", "\"2024-05-01T12:00:00.123456789Z\"", "2024-05-01T12:00:00.123Z"),
                Arguments.of("numeric offset", "\"2024-05-01T14:00:00+02:00\"", "2024-05-01T12:00:00Z"),
                Arguments.of("lower-case t and z", "\"2024-05-01t12:00:00z\"", "2024-05-01T12:00:00Z"),
                Arguments.of("epoch milliseconds", "1714564800123", "2024-05-01T12:00:00.123Z"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timestamps")
    void shouldReadTimestampsInEveryAcceptedForm(String name, String jsonValue, String expected) {
        String json = "{\"source\":\"p\",\"status\":\"FIRING\",\"severity\":\"INFO\",\"startsAt\":" + jsonValue
                + ",\"receivedAt\":0}";
        assertEquals(Instant.parse(expected), RecordJson.read(json, RawAlert.class).getStartsAt());
    }

    @Test
    void shouldFillMissingFieldsWithSchemaDefaults() {
        RawAlert alert = RecordJson.read("{\"source\":\"p\",\"status\":\"FIRING\",\"severity\":\"INFO\",\"startsAt\":0,\"receivedAt\":0}",
                RawAlert.class);
        assertNull(alert.getFingerprint());
        assertEquals(Map.of(), alert.getLabels());
        assertNull(alert.getEndsAt());
        Service service = RecordJson.read("{\"name\":\"db\"}", Service.class);
        assertEquals(3, service.getTier());
        assertTrue(service.getDependsOn().isEmpty());
        assertNull(service.getEscalation());
        assertEquals(AlertStatus.FIRING, alert.getStatus());
        assertEquals(Severity.INFO, alert.getSeverity());
    }

    static Stream<Arguments> badDocuments() {
        String alert = "\"source\":\"p\",\"status\":\"FIRING\",\"severity\":\"INFO\",\"startsAt\":0,\"receivedAt\":0";
        String window = "\"id\":\"w\",\"name\":\"n\",\"startsAt\":0,\"endsAt\":1";
        return Stream.of(
                Arguments.of("unknown field", RawAlert.class, "{" + alert + ",\"sevrity\":\"x\"}", "sevrity"),
                Arguments.of("missing required field", RawAlert.class, "{\"status\":\"FIRING\",\"severity\":\"INFO\",\"startsAt\":0,\"receivedAt\":0}", "source"),
                Arguments.of("unknown enum symbol", RawAlert.class, "{" + alert.replace("FIRING", "firing") + "}", "status"),
                Arguments.of("unparseable timestamp", RawAlert.class, "{" + alert.replace("\"startsAt\":0", "\"startsAt\":\"yesterday\"") + "}", "startsAt"),
                Arguments.of("non-string label value", RawAlert.class, "{" + alert + ",\"labels\":{\"alertname\":1}}", "labels.alertname"),
                Arguments.of("null for a non-nullable field", RawAlert.class, "{" + alert.replace("\"p\"", "null") + "}", "source"),
                Arguments.of("string for a number", RawAlert.class, "{" + alert + ",\"value\":\"1.5\"}", "value"),
                Arguments.of("not an object", RawAlert.class, "[1]", ""),
                Arguments.of("invalid JSON", RawAlert.class, "{\"source\":", ""),
                Arguments.of("trailing garbage", RawAlert.class, "{" + alert + "} x", ""),
                Arguments.of("nested array element", MaintenanceWindow.class,
                        "{" + window + ",\"matchers\":[{\"label\":\"a\",\"op\":\"=\",\"value\":\"b\"},{\"label\":\"a\",\"value\":\"b\"}]}", "matchers[1].op"),
                Arguments.of("unknown field in nested record", MaintenanceWindow.class,
                        "{" + window + ",\"recurrence\":{\"rrule\":\"FREQ=DAILY\",\"durationMs\":1,\"timezone\":\"UTC\",\"tz\":1}}", "recurrence.tz"),
                Arguments.of("fractional int", Service.class, "{\"name\":\"a\",\"tier\":1.5}", "tier"),
                Arguments.of("too deeply nested", Service.class, "{\"name\":" + "[".repeat(100) + "]".repeat(100) + "}", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDocuments")
    void shouldRejectBadDocumentsNamingTheField(String name, Class<? extends SpecificRecord> type, String json, String field) {
        RecordJsonException e = assertThrows(RecordJsonException.class, () -> RecordJson.read(json, type));
        assertEquals(field, e.field(), e.getMessage());
    }
}
