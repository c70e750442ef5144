package io.alertflow.dlq;

import io.alertflow.avro.DeadLetter;
import io.alertflow.streams.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
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
    /** Header naming the input topic of a record that crossed a repartition topic. */
    public static final String ORIGIN_TOPIC = "alertflow.origin.topic";
    /** Header naming its input partition. */
    public static final String ORIGIN_PARTITION = "alertflow.origin.partition";
    /** Header naming its input offset. */
    public static final String ORIGIN_OFFSET = "alertflow.origin.offset";

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
     * The record's headers plus the origin of the record being processed, for a record about to cross a
     * repartition topic: a stage after the repartition sees the internal topic in its record metadata, and its
     * dead letters must name the topic and offset a person wrote to, not the repartition topic.
     */
    public static Headers withOrigin(Headers headers, Optional<RecordMetadata> metadata) {
        return metadata.map(m -> withOrigin(headers, m.topic(), m.partition(), m.offset()))
                .orElseGet(() -> withOrigin(headers, null, 0, 0));
    }

    /** {@link #withOrigin(Headers, Optional)} for an origin known by its parts (a record held and sent on later); none when topic is null. */
    public static Headers withOrigin(Headers headers, String topic, int partition, long offset) {
        RecordHeaders copy = new RecordHeaders(headers.toArray());
        copy.remove(ORIGIN_TOPIC);
        copy.remove(ORIGIN_PARTITION);
        copy.remove(ORIGIN_OFFSET);
        if (topic != null) {
            copy.add(ORIGIN_TOPIC, utf8(topic)).add(ORIGIN_PARTITION, utf8(String.valueOf(partition)))
                    .add(ORIGIN_OFFSET, utf8(String.valueOf(offset)));
        }
        return copy;
    }

    /** The origin {@link #withOrigin} recorded in {@code headers}, else {@code metadata} (the record's own position). */
    public static Optional<RecordMetadata> origin(Headers headers, Optional<RecordMetadata> metadata) {
        Header topic = headers == null ? null : headers.lastHeader(ORIGIN_TOPIC);
        Header partition = headers == null ? null : headers.lastHeader(ORIGIN_PARTITION);
        Header offset = headers == null ? null : headers.lastHeader(ORIGIN_OFFSET);
        if (topic == null || partition == null || offset == null) {
            return metadata;
        }
        try {
            return Optional.of(new Origin(text(topic), Integer.parseInt(text(partition)), Long.parseLong(text(offset))));
        } catch (NumberFormatException notOurs) {
            return metadata; // not written by withOrigin: the record's own position is still true
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Header h) {
        return h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** An input position carried in headers. */
    private record Origin(String topic, int partition, long offset) implements RecordMetadata {
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
        return copy(letter.getKey());
    }

    /** The original value bytes of a dead letter, null when it had none. */
    public static byte[] originalValue(DeadLetter letter) {
        return copy(letter.getValue());
    }

    /** The buffer's remaining bytes, without moving its position (a letter may be read more than once). */
    private static byte[] copy(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
