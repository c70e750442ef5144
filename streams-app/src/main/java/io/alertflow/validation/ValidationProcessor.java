package io.alertflow.validation;

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
 * forwards every record as {@link Validated}, keyed by the alert's fingerprint when accepted, to the child of
 * {@link Validation} named for its outcome.
 */
final class ValidationProcessor implements Processor<byte[], byte[], String, Validated> {
    private final RawAlertCheck check;
    private final AlertPartitions partitions;
    private ProcessorContext<String, Validated> context;

    ValidationProcessor(RawAlertCheck check, AlertPartitions partitions) {
        this.check = check;
        this.partitions = partitions;
    }

    @Override
    public void init(ProcessorContext<String, Validated> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Optional<RecordMetadata> metadata = context.recordMetadata();
        RawAlertCheck.Result result = check.check(metadata.map(RecordMetadata::topic).orElse(""), record.value());
        if (result instanceof RawAlertCheck.Valid valid) {
            String fingerprint = valid.alert().getFingerprint();
            boolean inPlace = inPlace(record.key(), fingerprint, metadata.map(RecordMetadata::partition).orElse(-1));
            context.forward(record.withKey(fingerprint).withValue(new Validated.Accepted(valid.alert())),
                    inPlace ? Validation.IN_PLACE : Validation.MISPLACED);
        } else {
            RawAlertCheck.Invalid invalid = (RawAlertCheck.Invalid) result;
            Validated rejected = new Validated.Rejected(DeadLetters.of(metadata, record.key(), record.value(),
                    invalid.stage(), invalid.error(), Instant.ofEpochMilli(record.timestamp())));
            context.forward(record.withKey((String) null).withValue(rejected), Validation.REJECTED);
        }
    }

    /** Keyed by its fingerprint and on that key's partition: deduplication's task for it already reads it. */
    private boolean inPlace(byte[] key, String fingerprint, int partition) {
        return key != null && fingerprint.equals(new String(key, StandardCharsets.UTF_8))
                && partitions.placedByKey(key, partition);
    }
}
