package io.alertflow.correlation;

import io.alertflow.streams.state.StateStores;
import io.alertflow.streams.topics.Topic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The incident index, a compacted topic the incident stage writes and every instance loads as a
 * global store: {@code id:<incidentId>} → correlation key and {@code fp:<fingerprint>} → incident id.
 * It routes responder actions (which name an incident, or only an alert as a PagerDuty acknowledge
 * does) to the partition that owns the incident, and lets the query API find an incident's owner.
 * Entries are deleted (tombstones) when the incident is forgotten, so the index stays bounded.
 */
public final class IncidentIndex {
    /** The global store of the index. */
    public static final String STORE = "incident-index-global-store";
    /** The source processor of the index topic. */
    public static final String SOURCE = "incident-index-source";

    private IncidentIndex() {
    }

    /** Adds the global index store, loaded as-is from its topic. */
    public static void addTo(StreamsBuilder builder, Topic<String, String> index, StateStores stores) {
        builder.addGlobalStore(
                stores.global(STORE, Serdes.String(), Serdes.String()),
                index.name(),
                index.consumed(SOURCE),
                () -> new org.apache.kafka.streams.processor.api.Processor<String, String, Void, Void>() {
                    private KeyValueStore<String, String> store;

                    @Override
                    public void init(ProcessorContext<Void, Void> context) {
                        store = context.getStateStore(STORE);
                    }

                    @Override
                    public void process(org.apache.kafka.streams.processor.api.Record<String, String> record) {
                        if (record.key() == null) {
                            return;
                        }
                        if (record.value() == null) {
                            store.delete(record.key());
                        } else {
                            store.put(record.key(), record.value());
                        }
                    }
                });
    }

    /** The correlation key owning an incident, or null. */
    public static String keyOf(KeyValueStore<String, String> store, String incidentId) {
        return incidentId == null ? null : store.get("id:" + incidentId);
    }

    /** The incident holding an alert, or null. */
    public static String incidentOf(KeyValueStore<String, String> store, String fingerprint) {
        return fingerprint == null ? null : store.get("fp:" + fingerprint);
    }
}
