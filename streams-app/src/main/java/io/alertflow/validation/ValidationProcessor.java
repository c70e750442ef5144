package io.alertflow.validation;

import io.alertflow.avro.DeadLetter;
import io.alertflow.dlq.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Reads {@code alerts.raw} as bytes so a record that cannot be deserialized still has its original bytes:
 * forwards every accepted alert keyed by its fingerprint, and every rejected record as a dead letter, to the child of
 * {@link Validation} named for its outcome (hence the output type: a RawAlert or a DeadLetter, by child).
 */
final class ValidationProcessor implements Processor<byte[], byte[], String, Object> {
    private final RawAlertCheck check;
    private final AlertPartitions partitions;
    private ProcessorContext<String, Object> context;

    ValidationProcessor(RawAlertCheck check, AlertPartitions partitions) {
        this.check = check;
        this.partitions = partitions;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Optional<RecordMetadata> metadata = context.recordMetadata();
        RawAlertCheck.Result result = check.check(metadata.map(RecordMetadata::topic).orElse(""), record.value());
        if (result instanceof RawAlertCheck.Valid valid) {
            String fingerprint = valid.alert().getFingerprint();
            boolean inPlace = inPlace(record.key(), fingerprint, metadata.map(RecordMetadata::partition).orElse(-1));
            context.forward(new Record<>(fingerprint, valid.alert(), record.timestamp(), record.headers()),
                    inPlace ? Validation.IN_PLACE : Validation.MISPLACED);
        } else {
            RawAlertCheck.Invalid invalid = (RawAlertCheck.Invalid) result;
            DeadLetter rejected = DeadLetters.of(metadata, record.key(), record.value(), invalid.stage(), invalid.error(),
                    Instant.ofEpochMilli(record.timestamp()));
            context.forward(new Record<>((String) null, rejected, record.timestamp(), record.headers()), Validation.REJECTED);
        }
    }

    /** Keyed by its fingerprint and on that key's partition: deduplication's task for it already reads it. */
    private boolean inPlace(byte[] key, String fingerprint, int partition) {
        return key != null && isUtf8Of(key, fingerprint) && partitions.placedByKey(key, partition);
    }

    /**
     * Whether {@code bytes} are the UTF-8 encoding of {@code s}, without decoding them into a new string per alert: an
     * ASCII string (as fingerprints are) is compared byte by byte, anything else decoded.
     */
    static boolean isUtf8Of(byte[] bytes, String s) {
        if (bytes.length != s.length()) {
            // Equal only if some character takes more than one byte: decode to be sure.
            return bytes.length > s.length() && s.equals(new String(bytes, StandardCharsets.UTF_8));
        }
        for (int i = 0; i < bytes.length; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return s.equals(new String(bytes, StandardCharsets.UTF_8));
            }
            if (bytes[i] != (byte) c) {
                return false;
            }
        }
        return true;
    }
}
