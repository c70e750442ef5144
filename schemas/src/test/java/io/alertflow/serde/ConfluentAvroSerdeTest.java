package io.alertflow.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.avro.RawAlert;
import io.alertflow.testing.SampleRecords;
import io.alertflow.testing.SchemaDrivenRecords;
import java.io.File;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfluentAvroSerdeTest {

    private static final String SCOPE = "serde-test";
    private static final Map<String, Object> CONFIG = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE);

    @AfterEach
    void dropRegistry() {
        MockSchemaRegistry.drop(SCOPE);
    }

    static Stream<Arguments> samples() {
        return Stream.<Supplier<? extends SpecificRecord>>of(
                        SampleRecords::rawAlert, SampleRecords::maintenanceWindow, SampleRecords::service,
                        SampleRecords::changeEvent, SampleRecords::incidentAction, SampleRecords::metricSample,
                        SampleRecords::incident, SampleRecords::incidentMetrics, SampleRecords::page,
                        SampleRecords::anomaly, SampleRecords::suppressedAlert, SampleRecords::serviceMetrics,
                        SampleRecords::noiseReport, SampleRecords::deadLetter, SampleRecords::alertChange)
                .map(Supplier::get)
                .map(record -> Arguments.of(record.getClass().getSimpleName(), record));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void shouldRoundTripEverySpecRecordThroughTheMockRegistry(String name, SpecificRecord record) {
        assertEquals(record, roundTrip(record));
    }

    /** Every generated class, also ones added later, fully populated from its schema. */
    static Stream<Arguments> generatedClasses() throws URISyntaxException {
        File dir = new File(RawAlert.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toPath().resolve("io/alertflow/avro").toFile();
        List<Arguments> classes = new ArrayList<>();
        for (String file : dir.list()) {
            if (file.endsWith(".class") && !file.contains("$")) {
                Class<?> type = load("io.alertflow.avro." + file.substring(0, file.length() - 6));
                if (SpecificRecordBase.class.isAssignableFrom(type)) {
                    classes.add(Arguments.of(type.getSimpleName(), type));
                }
            }
        }
        return classes.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generatedClasses")
    void shouldRoundTripEveryGeneratedRecordClassWithAllOptionalFieldsSet(String name,
                                                                          Class<? extends SpecificRecord> type) {
        SpecificRecord record = SchemaDrivenRecords.instanceOf(type);
        assertEquals(record, roundTrip(record));
    }

    @Test
    void shouldCoverAtLeastTheFifteenSpecRecordsWhenDiscoveringClasses() throws URISyntaxException {
        assertTrue(generatedClasses().count() >= 15);
    }

    @Test
    void shouldWriteTheWireFormatHeaderWithTheRegisteredId() {
        RawAlert alert = SampleRecords.rawAlert();
        byte[] bytes = serde(RawAlert.class).serializer().serialize("alerts.raw", alert);
        int id = MockSchemaRegistry.forScope(SCOPE).lookup("alerts.raw-value", RawAlert.getClassSchema());
        assertEquals(WireFormat.MAGIC_BYTE, bytes[0]);
        assertEquals(id, WireFormat.readSchemaId("alerts.raw", bytes));
        assertArrayEquals(WireFormat.header(id), java.util.Arrays.copyOf(bytes, 5));
    }

    @Test
    void shouldRegisterKeysUnderTheKeySubject() {
        ConfluentAvroSerde<RawAlert> keySerde = new ConfluentAvroSerde<>(RawAlert.class, CONFIG, true);
        keySerde.serializer().serialize("alerts.raw", SampleRecords.rawAlert());
        assertEquals(1, MockSchemaRegistry.forScope(SCOPE).latest("alerts.raw-key").version());
    }

    @Test
    void shouldMapNullToNullForTombstones() {
        ConfluentAvroSerde<RawAlert> serde = serde(RawAlert.class);
        assertNull(serde.serializer().serialize("services", null));
        assertNull(serde.deserializer().deserialize("services", null));
    }

    @Test
    void shouldAskTheRegistryOncePerTopicAndSchemaNotPerRecord() {
        CountingRegistry registry = new CountingRegistry(MockSchemaRegistry.forScope(SCOPE));
        ConfluentAvroSerde<RawAlert> serde = new ConfluentAvroSerde<>(RawAlert.class, registry);
        serde.configure(CONFIG, false);
        for (int i = 0; i < 100; i++) {
            byte[] bytes = serde.serializer().serialize("alerts.raw", SampleRecords.rawAlert());
            serde.deserializer().deserialize("alerts.raw", bytes);
        }
        assertEquals(1, registry.registers.get());
        assertEquals(1, registry.getByIds.get());
    }

    @Test
    void shouldSerializeAndDeserializeSafelyFromSeveralThreads() throws Exception {
        ConfluentAvroSerde<RawAlert> serde = serde(RawAlert.class);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        RawAlert alert = RawAlert.newBuilder(SampleRecords.rawAlert())
                                .setFingerprint("t" + thread + "-" + i).build();
                        byte[] bytes = serde.serializer().serialize("alerts.raw", alert);
                        if (!alert.equals(serde.deserializer().deserialize("alerts.raw", bytes))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> T roundTrip(T record) {
        ConfluentAvroSerde<T> serde = serde((Class<T>) record.getClass());
        byte[] bytes = serde.serializer().serialize("topic", record);
        return serde.deserializer().deserialize("topic", bytes);
    }

    private static <T extends SpecificRecord> ConfluentAvroSerde<T> serde(Class<T> type) {
        return new ConfluentAvroSerde<>(type, CONFIG, false);
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
