package io.alertflow.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.avro.Incident;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Service;
import io.alertflow.testing.ApicurioRegistry;
import io.alertflow.testing.SampleRecords;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The HTTP client and the serde against a real Confluent-compatible registry (Apicurio 3.3.3, ccompat v7). */
class ApicurioRegistryIT {

    private static ApicurioRegistry apicurio;

    @BeforeAll
    static void startRegistry() {
        apicurio = ApicurioRegistry.start();
    }

    @AfterAll
    static void stopRegistry() {
        apicurio.close();
    }

    @Test
    void shouldRegisterAndFetchByIdWithStableIdsAcrossSubjects(TestInfo test) {
        String subject = subject(test);
        HttpSchemaRegistryClient writer = client(apicurio.url());

        int id = writer.register(subject, Service.getClassSchema());

        assertEquals(id, writer.register(subject, Service.getClassSchema()));
        assertEquals(id, client(apicurio.url()).register(subject + "-copy", Service.getClassSchema()));
        assertEquals(Service.getClassSchema(), client(apicurio.url()).getById(id));
        assertNotEquals(id, writer.register(subject + "-other", RawAlert.getClassSchema()));
    }

    @Test
    void shouldLookUpAndReportTheLatestVersion(TestInfo test) {
        String subject = subject(test);
        HttpSchemaRegistryClient client = client(apicurio.url());
        int v1 = client.register(subject, RawAlert.getClassSchema());
        Schema v2Schema = SchemaEvolutionTest.withField(RawAlert.getClassSchema(),
                new Schema.Field("team", Schema.create(Schema.Type.STRING), null, "unassigned"));
        int v2 = client.register(subject, v2Schema);

        assertEquals(v1, client(apicurio.url()).lookup(subject, RawAlert.getClassSchema()));
        SchemaVersion latest = client(apicurio.url()).latest(subject);
        assertEquals(2, latest.version());
        assertEquals(v2, latest.id());
        assertEquals(v2Schema, latest.schema());
        SchemaNotFoundException missing = assertThrows(SchemaNotFoundException.class,
                () -> client.lookup(subject, Service.getClassSchema()));
        assertTrue(missing.getMessage().contains("'" + subject + "'"), missing.getMessage());
    }

    @Test
    void shouldCheckCompatibilityAndRefuseAnIncompatibleChangeNamingTheSubject(TestInfo test) {
        String subject = subject(test);
        HttpSchemaRegistryClient client = client(apicurio.url());
        client.register(subject, RawAlert.getClassSchema());
        Schema compatible = SchemaEvolutionTest.withField(RawAlert.getClassSchema(),
                new Schema.Field("team", Schema.create(Schema.Type.STRING), null, "unassigned"));
        Schema incompatible = SchemaEvolutionTest.withField(RawAlert.getClassSchema(),
                new Schema.Field("owner", Schema.create(Schema.Type.STRING), null, (Object) null));

        assertTrue(client.isCompatible(subject, compatible));
        assertFalse(client.isCompatible(subject, incompatible));
        assertTrue(client.isCompatible(subject + "-never-registered", incompatible));
        IncompatibleSchemaException error = assertThrows(IncompatibleSchemaException.class,
                () -> client.register(subject, incompatible));
        assertTrue(error.getMessage().contains("'" + subject + "'"), error.getMessage());
        assertEquals(409, error.httpStatus());
    }

    @Test
    void shouldReportUnknownIdsAndSubjectsAsNotFound() {
        HttpSchemaRegistryClient client = client(apicurio.url());

        SchemaNotFoundException unknownId = assertThrows(SchemaNotFoundException.class, () -> client.getById(987654));
        SchemaNotFoundException unknownSubject = assertThrows(SchemaNotFoundException.class,
                () -> client.latest("no-such-subject-value"));

        assertTrue(unknownId.getMessage().contains("987654"), unknownId.getMessage());
        assertTrue(unknownSubject.getMessage().contains("'no-such-subject-value'"), unknownSubject.getMessage());
        assertEquals(40401, unknownSubject.errorCode());
    }

    @Test
    void shouldRetryThenReportTheRegistryUnavailableWhenItIsDown() throws IOException {
        HttpSchemaRegistryClient client = client("http://127.0.0.1:" + freePort() + "/apis/ccompat/v7");

        RegistryUnavailableException error = assertThrows(RegistryUnavailableException.class,
                () -> client.getById(1));

        assertTrue(error.getMessage().contains("3 attempt"), error.getMessage());
    }

    @Test
    void shouldFailOverFromADeadUrlToTheRegistry(TestInfo test) throws IOException {
        HttpSchemaRegistryClient client = client("http://127.0.0.1:" + freePort() + "," + apicurio.url());
        assertTrue(client.register(subject(test), Service.getClassSchema()) > 0);
    }

    @Test
    void shouldRoundTripRecordsThroughTheRealRegistry() {
        Map<String, Object> config = config(apicurio.url());
        ConfluentAvroSerde<Incident> incidents = new ConfluentAvroSerde<>(Incident.class, config, false);
        ConfluentAvroSerde<RawAlert> alerts = new ConfluentAvroSerde<>(RawAlert.class, config, false);
        ConfluentAvroDeserializer<Incident> freshReader =
                new ConfluentAvroDeserializer<>(Incident.class, client(apicurio.url()));

        byte[] incident = incidents.serializer().serialize("it.incidents", SampleRecords.incident());
        byte[] alert = alerts.serializer().serialize("it.alerts.raw", SampleRecords.rawAlert());

        assertEquals(SampleRecords.incident(), freshReader.deserialize("it.incidents", incident));
        assertEquals(SampleRecords.rawAlert(), alerts.deserializer().deserialize("it.alerts.raw", alert));
        assertEquals(WireFormat.readSchemaId("it.incidents", incident),
                client(apicurio.url()).latest("it.incidents-value").id());
    }

    @Test
    void shouldReadDataOfANewerRegisteredVersionIntoTheCompiledClass(TestInfo test) throws IOException {
        String topic = "it." + test.getTestMethod().orElseThrow().getName();
        HttpSchemaRegistryClient client = client(apicurio.url());
        client.register(topic + "-value", RawAlert.getClassSchema());
        Schema newer = SchemaEvolutionTest.withField(RawAlert.getClassSchema(),
                new Schema.Field("team", Schema.create(Schema.Type.STRING), null, "unassigned"));
        int newerId = client.register(topic + "-value", newer);
        GenericRecord record = new org.apache.avro.generic.GenericData.Record(newer);
        RawAlert sample = SampleRecords.rawAlert();
        for (Schema.Field field : RawAlert.getClassSchema().getFields()) {
            record.put(field.name(), toAvro(sample, field));
        }
        record.put("team", "payments");

        RawAlert read = new ConfluentAvroDeserializer<>(RawAlert.class, client(apicurio.url()))
                .deserialize(topic, wire(newerId, newer, record));

        assertEquals(sample, read);
    }

    private static Object toAvro(RawAlert alert, Schema.Field field) {
        Object value = alert.get(field.pos());
        if (value instanceof java.time.Instant instant) {
            return instant.toEpochMilli();
        }
        if (value instanceof Enum<?> symbol) {
            Schema enumSchema = field.schema();
            return new org.apache.avro.generic.GenericData.EnumSymbol(enumSchema, symbol.name());
        }
        return value;
    }

    private static byte[] wire(int id, Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(WireFormat.header(id));
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static String subject(TestInfo test) {
        return "it-" + test.getTestMethod().orElseThrow().getName() + "-value";
    }

    private static HttpSchemaRegistryClient client(String urls) {
        return new HttpSchemaRegistryClient(config(urls));
    }

    private static Map<String, Object> config(String urls) {
        Map<String, Object> config = new HashMap<>();
        config.put(SerdeConfig.SCHEMA_REGISTRY_URL, urls);
        config.put(SerdeConfig.REGISTRY_MAX_RETRIES, 2);
        config.put(SerdeConfig.REGISTRY_RETRY_BACKOFF_MS, 20);
        config.put(SerdeConfig.REGISTRY_REQUEST_TIMEOUT_MS, 5000);
        return config;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
