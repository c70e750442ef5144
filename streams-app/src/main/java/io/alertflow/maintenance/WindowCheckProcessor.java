package io.alertflow.maintenance;

import io.alertflow.avro.DeadLetter;
import io.alertflow.dlq.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Checks each {@code maintenance.windows} record: a valid window or a tombstone is forwarded unchanged (original
 * bytes) to the topic every instance loads; an invalid window is dead-lettered and forwarded as a tombstone,
 * so an earlier valid version of it stops matching.
 */
final class WindowCheckProcessor implements Processor<byte[], byte[], byte[], Object> {
    private final WindowCheck check;
    private ProcessorContext<byte[], Object> context;

    WindowCheckProcessor(WindowCheck check) {
        this.check = check;
    }

    @Override
    public void init(ProcessorContext<byte[], Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String topic = context.recordMetadata().map(m -> m.topic()).orElse("");
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        String problem = check.problem(topic, key, record.value());
        if (problem == null) {
            context.forward(record);
            return;
        }
        DeadLetter letter = DeadLetters.of(context.recordMetadata(), record.key(), record.value(), "maintenance-window",
                problem, Instant.ofEpochMilli(record.timestamp()));
        context.forward(record.withValue(letter));
        if (record.key() != null) {
            context.forward(record.withValue(null));
        }
    }
}
