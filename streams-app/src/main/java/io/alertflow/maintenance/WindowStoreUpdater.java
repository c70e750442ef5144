package io.alertflow.maintenance;

import io.alertflow.avro.MaintenanceWindow;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the checked windows into the global {@value Maintenance#WINDOWS_STORE} on every instance; a tombstone
 * deletes. It reads bytes and deserializes itself because Kafka 4.3 cannot dead-letter from a global thread:
 * a record it cannot read (only possible if something else writes this topic) is skipped with a warning.
 */
final class WindowStoreUpdater implements Processor<byte[], byte[], Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(WindowStoreUpdater.class);

    private final Deserializer<MaintenanceWindow> deserializer;
    private final String topic;
    private KeyValueStore<String, MaintenanceWindow> store;

    WindowStoreUpdater(Deserializer<MaintenanceWindow> deserializer, String topic) {
        this.deserializer = deserializer;
        this.topic = topic;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(Maintenance.WINDOWS_STORE);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        if (record.key() == null) {
            return;
        }
        String id = new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null) {
            store.delete(id);
            return;
        }
        try {
            store.put(id, deserializer.deserialize(topic, record.value()));
        } catch (RuntimeException e) {
            store.delete(id);
            LOG.warn("skipped unreadable maintenance window {} on {}: {}", id, topic, e.getMessage());
        }
    }
}
