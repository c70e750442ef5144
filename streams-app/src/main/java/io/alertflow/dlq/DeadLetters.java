package io.alertflow.dlq;

import io.alertflow.avro.DeadLetter;
import io.alertflow.streams.topics.Topics;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Building {@link DeadLetter} records and routing them to {@code alerts.dlq}: every stage that rejects
 * input uses these, so every dead letter carries the source topic, partition, offset, the original bytes,
 * the stage and a sentence a person can act on.
 */
public final class DeadLetters {
    private DeadLetters() {
    }

    /** A dead letter for a record whose origin is known. */
    public static DeadLetter of(String sourceTopic, int partition, long offset, byte[] key, byte[] value,
                                String stage, String error, Instant at) {
        return DeadLetter.newBuilder()
                .setSourceTopic(sourceTopic == null ? "" : sourceTopic)
                .setPartition(partition)
                .setOffset(offset)
                .setKey(key == null ? null : ByteBuffer.wrap(key))
                .setValue(value == null ? null : ByteBuffer.wrap(value))
                .setStage(stage)
                .setError(error)
                .setAt(at)
                .build();
    }

    /** A dead letter for the record a processor is handling ({@code context.recordMetadata()}; -1 when unknown, e.g. in a punctuator). */
    public static DeadLetter of(Optional<RecordMetadata> metadata, byte[] key, byte[] value, String stage, String error, Instant at) {
        return of(metadata.map(RecordMetadata::topic).orElse(""), metadata.map(RecordMetadata::partition).orElse(-1),
                metadata.map(RecordMetadata::offset).orElse(-1L), key, value, stage, error, at);
    }

    /**
     * Writes a stream of dead letters to the DLQ keyed by the original key bytes; the two processors are named
     * {@code <name>-dlq-key} and {@code <name>-dlq-sink}.
     */
    public static void sink(KStream<?, DeadLetter> deadLetters, Topics topics, String name) {
        deadLetters
                .map((k, letter) -> KeyValue.pair(originalKey(letter), letter), Named.as(name + "-dlq-key"))
                .to(topics.alertsDlq().name(), topics.alertsDlq().produced(name + "-dlq-sink"));
    }

    /** The original key bytes of a dead letter, null when it had none. */
    public static byte[] originalKey(DeadLetter letter) {
        ByteBuffer key = letter.getKey();
        if (key == null) {
            return null;
        }
        ByteBuffer copy = key.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
