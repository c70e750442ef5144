package io.alertflow.dlq;

import io.alertflow.avro.DeadLetter;
import io.alertflow.serde.ConfluentAvroSerde;
import io.alertflow.serde.RegistryUnavailableException;
import io.alertflow.streams.config.AlertflowConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * What the three exception handlers share: turning the record that failed into a serialized
 * {@link DeadLetter} record for Kafka Streams to write to the DLQ inside the same transaction.
 */
final class DeadLetterProducer {
    private final String dlqTopic;
    private final Serializer<DeadLetter> serializer;

    private DeadLetterProducer(String dlqTopic, Serializer<DeadLetter> serializer) {
        this.dlqTopic = dlqTopic;
        this.serializer = serializer;
    }

    /** Reads the DLQ topic and the serde settings that {@link AlertflowConfig#streamsProperties()} put in the Streams config. */
    static DeadLetterProducer fromStreamsConfig(Map<String, ?> configs) {
        Object topic = configs.get(AlertflowConfig.DLQ_TOPIC_PROPERTY);
        String dlqTopic = topic == null ? "alerts.dlq" : topic.toString();
        return new DeadLetterProducer(dlqTopic, new ConfluentAvroSerde<>(DeadLetter.class, configs, false).serializer());
    }

    /** The DLQ record for the input that failed, with the original key and value bytes. */
    List<ProducerRecord<byte[], byte[]>> records(ErrorHandlerContext context, String stage, String error) {
        DeadLetter letter = DeadLetters.of(context.topic(), context.partition(), context.offset(),
                context.sourceRawKey(), context.sourceRawValue(), stage, error, Instant.now());
        byte[] value = serializer.serialize(dlqTopic, letter);
        return List.of(new ProducerRecord<>(dlqTopic, null, context.sourceRawKey(), value));
    }

    /**
     * Whether {@code e} is a Schema Registry outage rather than bad input. It arrives as a SerializationException
     * (RegistryUnavailableException extends it), but dead-lettering would drop good records while the registry
     * is down; the handlers fail instead, so the record stays uncommitted and is processed after a restart.
     */
    static boolean isRegistryOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RegistryUnavailableException) {
                return true;
            }
        }
        return false;
    }

    static String describe(Exception e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && (message == null || !message.contains(cause.getMessage()))) {
            message = (message == null ? "" : message + ": ") + cause.getMessage();
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
