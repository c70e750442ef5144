package io.alertflow.serde;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro SpecificRecords in the Confluent wire format, registering (or looking up) the schema under the
 * TopicNameStrategy subject once per topic and schema; safe to share between producer threads.
 */
public class ConfluentAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private final ConcurrentMap<PlanKey, WritePlan> plans = new ConcurrentHashMap<>();
    private SchemaRegistryClient client;
    private boolean isKey;
    private boolean autoRegister = SerdeConfig.AUTO_REGISTER_SCHEMAS_DEFAULT;
    private boolean useLatestVersion = SerdeConfig.USE_LATEST_VERSION_DEFAULT;

    /** For Kafka's reflective construction; {@link #configure} then builds the registry client. */
    public ConfluentAvroSerializer() {
    }

    /** With an explicit registry client; {@link #configure} still reads the other settings. */
    public ConfluentAvroSerializer(SchemaRegistryClient client) {
        this.client = client;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        this.autoRegister = SerdeConfig.bool(configs, SerdeConfig.AUTO_REGISTER_SCHEMAS,
                SerdeConfig.AUTO_REGISTER_SCHEMAS_DEFAULT);
        this.useLatestVersion = SerdeConfig.bool(configs, SerdeConfig.USE_LATEST_VERSION,
                SerdeConfig.USE_LATEST_VERSION_DEFAULT);
        if (client == null) {
            client = SchemaRegistryClients.fromConfig(configs);
        }
        plans.clear();
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        if (client == null) {
            throw new SerializationException("ConfluentAvroSerializer is not configured: call configure() with "
                    + SerdeConfig.SCHEMA_REGISTRY_URL);
        }
        Schema schema = data.getSchema();
        WritePlan plan = planFor(topic, schema, data);
        try {
            return plan.write(data);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Could not serialize " + schema.getFullName() + " for topic '"
                    + topic + "' with schema id " + plan.schemaId() + ": " + e.getMessage(), e);
        }
    }

    /** The schema id and writer for one topic and schema; the registry is asked once, not per record. */
    private WritePlan planFor(String topic, Schema schema, T data) {
        PlanKey key = new PlanKey(topic, schema);
        WritePlan plan = plans.get(key);
        if (plan == null) {
            // Not computeIfAbsent: the registry call must not hold the map's lock.
            plan = createPlan(SerdeConfig.subjectName(topic, isKey), schema, SpecificData.getForClass(data.getClass()));
            plans.putIfAbsent(key, plan);
        }
        return plan;
    }

    private WritePlan createPlan(String subject, Schema schema, SpecificData model) {
        DatumWriter<Object> writer = new SpecificDatumWriter<>(schema, model);
        if (useLatestVersion) {
            SchemaVersion latest = client.latest(subject);
            if (latest.schema().equals(schema)) {
                return WritePlan.direct(latest.id(), writer);
            }
            requireReadableAsLatest(subject, latest, schema);
            return WritePlan.converting(latest, schema, writer);
        }
        int id = autoRegister ? client.register(subject, schema) : client.lookup(subject, schema);
        return WritePlan.direct(id, writer);
    }

    private static void requireReadableAsLatest(String subject, SchemaVersion latest, Schema recordSchema) {
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(latest.schema(), recordSchema);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new SerializationException("Records of " + recordSchema.getFullName()
                    + " cannot be written as latest version " + latest.version() + " (id " + latest.id()
                    + ") of subject '" + subject + "': " + compatibility.getDescription());
        }
    }

    private record PlanKey(String topic, Schema schema) {
    }

    /**
     * How records of one schema are written. With use.latest.version the record's compiled schema may be older
     * than the subject's latest version: the record is then re-encoded as the latest version through Avro
     * schema resolution, which is what BACKWARD compatibility of the latest version guarantees to work.
     */
    private static final class WritePlan {
        private final int schemaId;
        private final DatumWriter<Object> recordWriter;
        private final GenericDatumReader<Object> toLatest;
        private final DatumWriter<Object> latestWriter;

        private WritePlan(int schemaId, DatumWriter<Object> recordWriter,
                          GenericDatumReader<Object> toLatest, DatumWriter<Object> latestWriter) {
            this.schemaId = schemaId;
            this.recordWriter = recordWriter;
            this.toLatest = toLatest;
            this.latestWriter = latestWriter;
        }

        static WritePlan direct(int schemaId, DatumWriter<Object> writer) {
            return new WritePlan(schemaId, writer, null, null);
        }

        static WritePlan converting(SchemaVersion latest, Schema recordSchema, DatumWriter<Object> recordWriter) {
            return new WritePlan(latest.id(), recordWriter,
                    new GenericDatumReader<>(recordSchema, latest.schema(), GenericData.get()),
                    new GenericDatumWriter<>(latest.schema(), GenericData.get()));
        }

        int schemaId() {
            return schemaId;
        }

        byte[] write(Object datum) throws IOException {
            if (toLatest == null) {
                return AvroEncoding.encode(schemaId, recordWriter, datum);
            }
            byte[] asRecordSchema = AvroEncoding.encodeBody(recordWriter, datum);
            Object asLatest = toLatest.read(null, DecoderFactory.get().binaryDecoder(asRecordSchema, null));
            return AvroEncoding.encode(schemaId, latestWriter, asLatest);
        }
    }
}
