package io.alertflow.serde;

import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-wire-format Avro into SpecificRecords of one class: the writer schema is fetched by id
 * (cached) and resolved against the class's schema, so added fields with defaults and removed fields work.
 */
public class ConfluentAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private final Class<T> type;
    private final Schema readerSchema;
    private final SpecificData model;
    private final ConcurrentMap<Integer, SpecificDatumReader<T>> readersBySchemaId = new ConcurrentHashMap<>();
    private SchemaRegistryClient client;

    /** Reads records of {@code type}; {@link #configure} builds the registry client. */
    public ConfluentAvroDeserializer(Class<T> type) {
        this(type, null);
    }

    /** Reads records of {@code type} with an explicit registry client. */
    public ConfluentAvroDeserializer(Class<T> type, SchemaRegistryClient client) {
        this.type = Objects.requireNonNull(type, "type");
        this.model = SpecificData.getForClass(type);
        this.readerSchema = model.getSchema(type);
        this.client = client;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (client == null) {
            client = SchemaRegistryClients.fromConfig(configs);
        }
    }

    @Override
    public T deserialize(String topic, byte[] payload) {
        if (payload == null) {
            return null;
        }
        if (client == null) {
            throw new SerializationException("ConfluentAvroDeserializer is not configured: call configure() with "
                    + SerdeConfig.SCHEMA_REGISTRY_URL);
        }
        int schemaId = WireFormat.readSchemaId(topic, payload);
        SpecificDatumReader<T> reader = readerFor(schemaId);
        try {
            BinaryDecoder decoder = AvroEncoding.decoder(payload, WireFormat.HEADER_SIZE);
            T value = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new IOException("bytes left over after the record: the payload does not match the schema");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Could not decode a record from topic '" + topic
                    + "' written with schema id " + schemaId + " as " + type.getName() + ": " + reason(e), e);
        }
    }

    /** One resolving reader per writer schema id; the registry is asked once per id, not per record. */
    private SpecificDatumReader<T> readerFor(int schemaId) {
        SpecificDatumReader<T> reader = readersBySchemaId.get(schemaId);
        if (reader == null) {
            Schema writerSchema = client.getById(schemaId);
            reader = AvroTrust.trust(new SpecificDatumReader<>(writerSchema, readerSchema, model));
            readersBySchemaId.putIfAbsent(schemaId, reader);
        }
        return reader;
    }

    private static String reason(Exception e) {
        if (e instanceof EOFException) {
            return "the payload ends before the record does (truncated)";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
