package io.alertflow.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.avro.RawAlert;
import io.alertflow.testing.SampleRecords;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Data written with one version of a schema is read with another, as BACKWARD compatibility promises. */
class SchemaEvolutionTest {

    private static final String SCOPE = "evolution-test";
    private static final String TOPIC = "alerts.raw";
    private static final String SUBJECT = "alerts.raw-value";
    private static final Map<String, Object> CONFIG = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE);

    private final MockSchemaRegistry registry = MockSchemaRegistry.forScope(SCOPE);

    @AfterEach
    void dropRegistry() {
        MockSchemaRegistry.drop(SCOPE);
    }

    @Test
    void shouldFillTheDefaultOfAFieldTheOldWriterDidNotHave() throws IOException {
        // An older producer's RawAlert had no "value" field; today's reader has it with default null.
        Schema old = withoutField(RawAlert.getClassSchema(), "value");
        GenericRecord oldAlert = genericCopy(SampleRecords.rawAlert(), old);
        byte[] payload = wire(registry.register(SUBJECT, old), old, oldAlert);

        RawAlert read = deserializer().deserialize(TOPIC, payload);

        assertNull(read.getValue());
        assertEquals(SampleRecords.rawAlert().getLabels(), read.getLabels());
        assertEquals(SampleRecords.rawAlert().getStartsAt(), read.getStartsAt());
    }

    @Test
    void shouldIgnoreAFieldTheNewerWriterAddedAndTheReaderDoesNotKnow() throws IOException {
        Schema newer = withField(RawAlert.getClassSchema(),
                new Schema.Field("team", Schema.create(Schema.Type.STRING), "Owning team.", "unknown"));
        GenericRecord newAlert = genericCopy(SampleRecords.rawAlert(), newer);
        newAlert.put("team", "payments");
        byte[] payload = wire(registry.register(SUBJECT, newer), newer, newAlert);

        RawAlert read = deserializer().deserialize(TOPIC, payload);

        assertEquals(SampleRecords.rawAlert(), read);
    }

    @Test
    void shouldAcceptAnAddedFieldWithADefaultAndRefuseOneWithoutNamingTheSubject() {
        registry.register(SUBJECT, RawAlert.getClassSchema());
        Schema withDefault = withField(RawAlert.getClassSchema(),
                new Schema.Field("team", Schema.create(Schema.Type.STRING), null, "unknown"));
        Schema withoutDefault = withField(RawAlert.getClassSchema(),
                new Schema.Field("owner", Schema.create(Schema.Type.STRING), null, (Object) null));

        assertTrue(registry.isCompatible(SUBJECT, withDefault));
        assertFalse(registry.isCompatible(SUBJECT, withoutDefault));
        IncompatibleSchemaException error = assertThrows(IncompatibleSchemaException.class,
                () -> registry.register(SUBJECT, withoutDefault));
        assertTrue(error.getMessage().contains("'" + SUBJECT + "'"), error.getMessage());
        assertTrue(error.getMessage().contains("owner"), error.getMessage());
        assertEquals(1, registry.latest(SUBJECT).version());

        registry.register(SUBJECT, withDefault);
        assertEquals(2, registry.latest(SUBJECT).version());
    }

    @Test
    void shouldAcceptAnySchemaOnASubjectWithoutVersions() {
        Schema withoutDefault = withField(RawAlert.getClassSchema(),
                new Schema.Field("owner", Schema.create(Schema.Type.STRING), null, (Object) null));
        assertTrue(registry.isCompatible("fresh-subject", withoutDefault));
    }

    @Test
    void shouldWriteOldRecordsAsTheLatestVersionWhenConfiguredTo() throws IOException {
        Schema latest = withField(RawAlert.getClassSchema(),
                new Schema.Field("team", Schema.create(Schema.Type.STRING), null, "unassigned"));
        int latestId = registry.register(SUBJECT, latest);
        ConfluentAvroSerializer<RawAlert> serializer = new ConfluentAvroSerializer<>();
        serializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE,
                SerdeConfig.USE_LATEST_VERSION, "true", SerdeConfig.AUTO_REGISTER_SCHEMAS, "false"), false);

        byte[] payload = serializer.serialize(TOPIC, SampleRecords.rawAlert());

        assertEquals(latestId, WireFormat.readSchemaId(TOPIC, payload));
        GenericRecord asLatest = new GenericDatumReader<GenericRecord>(latest).read(null,
                DecoderFactory.get().binaryDecoder(payload, 5, payload.length - 5, null));
        assertEquals("unassigned", asLatest.get("team").toString());
        assertEquals(SampleRecords.rawAlert(), deserializer().deserialize(TOPIC, payload));
    }

    @Test
    void shouldFailWithTheSubjectNameWhenAutoRegisterIsOffAndTheSchemaIsUnknown() {
        ConfluentAvroSerializer<RawAlert> serializer = new ConfluentAvroSerializer<>();
        serializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE,
                SerdeConfig.AUTO_REGISTER_SCHEMAS, false), false);

        SchemaNotFoundException error = assertThrows(SchemaNotFoundException.class,
                () -> serializer.serialize(TOPIC, SampleRecords.rawAlert()));
        assertTrue(error.getMessage().contains(SUBJECT), error.getMessage());

        int id = registry.register(SUBJECT, RawAlert.getClassSchema());
        assertEquals(id, WireFormat.readSchemaId(TOPIC, serializer.serialize(TOPIC, SampleRecords.rawAlert())));
    }

    @Test
    void shouldRefuseUseLatestVersionWhenTheLatestCannotReadTheRecord() {
        Schema latest = withField(RawAlert.getClassSchema(),
                new Schema.Field("team", Schema.create(Schema.Type.STRING), null, (Object) null));
        MockSchemaRegistry.forScope("evolution-fresh").register(SUBJECT, latest);
        try {
            ConfluentAvroSerializer<RawAlert> serializer = new ConfluentAvroSerializer<>();
            serializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://evolution-fresh",
                    SerdeConfig.USE_LATEST_VERSION, true), false);

            SerializationException error = assertThrows(SerializationException.class,
                    () -> serializer.serialize(TOPIC, SampleRecords.rawAlert()));
            assertTrue(error.getMessage().contains(SUBJECT), error.getMessage());
        } finally {
            MockSchemaRegistry.drop("evolution-fresh");
        }
    }

    private ConfluentAvroDeserializer<RawAlert> deserializer() {
        ConfluentAvroDeserializer<RawAlert> deserializer = new ConfluentAvroDeserializer<>(RawAlert.class);
        deserializer.configure(CONFIG, false);
        return deserializer;
    }

    static Schema withoutField(Schema schema, String dropped) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            if (!field.name().equals(dropped)) {
                fields.add(new Schema.Field(field, field.schema()));
            }
        }
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    static Schema withField(Schema schema, Schema.Field added) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            fields.add(new Schema.Field(field, field.schema()));
        }
        fields.add(added);
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    /** Copies the fields both schemas share from a specific record into a generic record of {@code schema}. */
    private static GenericRecord genericCopy(RawAlert alert, Schema schema) throws IOException {
        Schema own = RawAlert.getClassSchema();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new org.apache.avro.specific.SpecificDatumWriter<RawAlert>(own).write(alert, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(own, schema, GenericData.get())
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }

    private static byte[] wire(int id, Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(WireFormat.header(id));
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
