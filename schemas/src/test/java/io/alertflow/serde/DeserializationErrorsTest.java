package io.alertflow.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Service;
import io.alertflow.testing.SampleRecords;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeserializationErrorsTest {

    private static final String SCOPE = "errors-test";
    private static final Map<String, Object> CONFIG = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE);

    @AfterEach
    void dropRegistry() {
        MockSchemaRegistry.drop(SCOPE);
    }

    /** Each case corrupts a valid payload and names words the error message must contain. */
    static Stream<Arguments> corruptions() {
        return Stream.of(
                Arguments.of("JSON instead of Avro",
                        (Function<byte[], byte[]>) valid -> "{\"labels\":{}}".getBytes(StandardCharsets.UTF_8),
                        new String[] {"0x7b", "expected magic byte 0x00", "alerts.raw"}),
                Arguments.of("magic byte 1",
                        (Function<byte[], byte[]>) valid -> withFirstByte(valid, (byte) 1),
                        new String[] {"0x01", "expected magic byte 0x00"}),
                Arguments.of("empty payload",
                        (Function<byte[], byte[]>) valid -> new byte[0],
                        new String[] {"0 bytes", "shorter than the 5-byte"}),
                Arguments.of("header cut short",
                        (Function<byte[], byte[]>) valid -> Arrays.copyOf(valid, 3),
                        new String[] {"3 bytes", "shorter than the 5-byte", "alerts.raw"}),
                Arguments.of("unknown schema id",
                        (Function<byte[], byte[]>) valid -> withId(valid, 4242),
                        new String[] {"4242", "not found"}),
                Arguments.of("truncated Avro body",
                        (Function<byte[], byte[]>) valid -> Arrays.copyOf(valid, valid.length - 10),
                        new String[] {"alerts.raw", "schema id", "truncated"}),
                Arguments.of("garbage after the record",
                        (Function<byte[], byte[]>) valid -> Arrays.copyOf(valid, valid.length + 3),
                        new String[] {"alerts.raw", "schema id", "left over"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptions")
    void shouldRejectCorruptPayloadsWithAClearSerializationException(String name, Function<byte[], byte[]> corrupt,
                                                                      String[] expectedWords) {
        ConfluentAvroSerde<RawAlert> serde = new ConfluentAvroSerde<>(RawAlert.class, CONFIG, false);
        byte[] valid = serde.serializer().serialize("alerts.raw", SampleRecords.rawAlert());

        SerializationException error = assertThrows(SerializationException.class,
                () -> serde.deserializer().deserialize("alerts.raw", corrupt.apply(valid)));

        for (String word : expectedWords) {
            assertTrue(error.getMessage().contains(word), () -> "'" + word + "' missing from: " + error.getMessage());
        }
    }

    @Test
    void shouldReportAnUnknownIdAsSchemaNotFoundSoHandlersCanTellRegistryProblemsApart() {
        ConfluentAvroSerde<RawAlert> serde = new ConfluentAvroSerde<>(RawAlert.class, CONFIG, false);
        byte[] valid = serde.serializer().serialize("alerts.raw", SampleRecords.rawAlert());

        SerializationException error = assertThrows(SerializationException.class,
                () -> serde.deserializer().deserialize("alerts.raw", withId(valid, 999)));

        assertInstanceOf(SchemaNotFoundException.class, error);
    }

    @Test
    void shouldNameTheTopicAndIdWhenTheWriterSchemaIsAnotherRecordType() {
        ConfluentAvroSerde<Service> services = new ConfluentAvroSerde<>(Service.class, CONFIG, false);
        ConfluentAvroSerde<RawAlert> alerts = new ConfluentAvroSerde<>(RawAlert.class, CONFIG, false);
        byte[] service = services.serializer().serialize("services", SampleRecords.service());
        int id = WireFormat.readSchemaId("services", service);

        SerializationException error = assertThrows(SerializationException.class,
                () -> alerts.deserializer().deserialize("services", service));

        assertTrue(error.getMessage().contains("topic 'services'"), error.getMessage());
        assertTrue(error.getMessage().contains("schema id " + id), error.getMessage());
        assertTrue(error.getMessage().contains("io.alertflow.avro.RawAlert"), error.getMessage());
    }

    @Test
    void shouldRefuseToSerializeWhenNotConfigured() {
        ConfluentAvroSerializer<RawAlert> serializer = new ConfluentAvroSerializer<>();
        SerializationException error = assertThrows(SerializationException.class,
                () -> serializer.serialize("alerts.raw", SampleRecords.rawAlert()));
        assertTrue(error.getMessage().contains(SerdeConfig.SCHEMA_REGISTRY_URL));
    }

    @Test
    void shouldNameTheTopicAndFieldWhenARequiredFieldIsNull() {
        ConfluentAvroSerde<RawAlert> serde = new ConfluentAvroSerde<>(RawAlert.class, CONFIG, false);
        RawAlert broken = SampleRecords.rawAlert();
        broken.setSource(null);

        SerializationException error = assertThrows(SerializationException.class,
                () -> serde.serializer().serialize("alerts.raw", broken));

        assertTrue(error.getMessage().contains("alerts.raw"), error.getMessage());
        assertTrue(error.getMessage().contains("source"), error.getMessage());
    }

    @Test
    void shouldReadTheHeaderItWrites() {
        byte[] header = WireFormat.header(0x01020304);
        assertEquals(5, header.length);
        assertEquals(0x01020304, WireFormat.readSchemaId("t", header));
    }

    private static byte[] withFirstByte(byte[] payload, byte first) {
        byte[] copy = payload.clone();
        copy[0] = first;
        return copy;
    }

    private static byte[] withId(byte[] payload, int id) {
        byte[] copy = payload.clone();
        WireFormat.writeHeader(copy, 0, id);
        return copy;
    }
}
