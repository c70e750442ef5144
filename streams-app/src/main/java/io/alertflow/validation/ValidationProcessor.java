package io.alertflow.validation;

import io.alertflow.dlq.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Reads {@code alerts.raw} as bytes so a record that cannot be deserialized still has its original bytes:
 * forwards every record as {@link Validated}, keyed by the alert's fingerprint when accepted.
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
        String topic = context.recordMetadata().map(m -> m.topic()).orElse("");
        RawAlertCheck.Result result = check.check(topic, record.value());
        if (result instanceof RawAlertCheck.Valid valid) {
            String fingerprint = valid.alert().getFingerprint();
            boolean inPlace = inPlace(record.key(), fingerprint);
            context.forward(record.withKey(fingerprint).withValue(new Validated.Accepted(valid.alert(), inPlace)));
        } else {
            RawAlertCheck.Invalid invalid = (RawAlertCheck.Invalid) result;
            Validated rejected = new Validated.Rejected(DeadLetters.of(context.recordMetadata(), record.key(), record.value(),
                    invalid.stage(), invalid.error(), Instant.ofEpochMilli(record.timestamp())));
            context.forward(record.withKey((String) null).withValue(rejected));
        }
    }

    /** Keyed by its fingerprint and on that key's partition: deduplication's task for it already reads it. */
    private boolean inPlace(byte[] key, String fingerprint) {
        if (key == null || !fingerprint.equals(new String(key, StandardCharsets.UTF_8))) {
            return false;
        }
        int partition = context.recordMetadata().map(m -> m.partition()).orElse(-1);
        return partitions.placedByKey(key, partition);
    }
}
