package io.alertflow.serde;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** The Confluent-wire-format Avro serializer and deserializer of one SpecificRecord class as a Kafka Serde. */
public class ConfluentAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final ConfluentAvroSerializer<T> serializer;
    private final ConfluentAvroDeserializer<T> deserializer;

    /** An unconfigured serde; Kafka Streams (or the caller) calls {@link #configure}. */
    public ConfluentAvroSerde(Class<T> type) {
        this.serializer = new ConfluentAvroSerializer<>();
        this.deserializer = new ConfluentAvroDeserializer<>(type);
    }

    /** A serde already configured with {@code configs} for keys or values. */
    public ConfluentAvroSerde(Class<T> type, Map<String, ?> configs, boolean isKey) {
        this(type);
        configure(configs, isKey);
    }

    /** A serde over an explicit registry client; {@link #configure} still reads the other settings. */
    public ConfluentAvroSerde(Class<T> type, SchemaRegistryClient client) {
        this.serializer = new ConfluentAvroSerializer<>(client);
        this.deserializer = new ConfluentAvroDeserializer<>(type, client);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
