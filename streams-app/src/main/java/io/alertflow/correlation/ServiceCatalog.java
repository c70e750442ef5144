package io.alertflow.correlation;

import io.alertflow.streams.state.StateStores;
import io.alertflow.avro.Service;
import io.alertflow.streams.topics.Topic;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The service catalog: the compacted {@code services} topic loaded into a global store on every
 * instance (hot reload, tombstones delete), and a {@link DependencyGraph} snapshot rebuilt lazily
 * when the catalog changed. One instance per topology; every stream thread shares its snapshot.
 */
public final class ServiceCatalog {
    /** The global store holding the catalog, by service name. */
    public static final String STORE = "services-global-store";
    /** The source processor of the services topic. */
    public static final String SOURCE = "services-source";
    /** The processor that loads catalog records into the store. */
    public static final String LOADER = "services-loader";

    private final AtomicLong generation = new AtomicLong();
    private volatile Snapshot snapshot = new Snapshot(-1, DependencyGraph.of(Map.of()));

    private record Snapshot(long generation, DependencyGraph graph) {
    }

    /** Adds the global catalog store to the builder. */
    public void addTo(StreamsBuilder builder, Topic<String, Service> services, StateStores stores) {
        builder.addGlobalStore(
                stores.global(STORE, Serdes.String(), services.valueSerde()),
                services.name(),
                services.consumed(SOURCE),
                () -> new Loader(this));
    }

    /**
     * The dependency graph as of the store's current content. Restoration after a restart writes the
     * store without calling the loader, so the first call always rebuilds from the store.
     */
    public DependencyGraph graph(KeyValueStore<String, Service> store) {
        Snapshot current = snapshot;
        long wanted = generation.get();
        if (current.generation() == wanted) {
            return current.graph();
        }
        Map<String, Service> services = new HashMap<>();
        try (KeyValueIterator<String, Service> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, Service> kv = it.next();
                if (kv.value != null) {
                    services.put(kv.key, kv.value);
                }
            }
        }
        DependencyGraph graph = DependencyGraph.of(services);
        snapshot = new Snapshot(wanted, graph);
        return graph;
    }

    /** Fetches the global store from a processor's context. */
    public static KeyValueStore<String, Service> store(ProcessorContext<?, ?> context) {
        return context.getStateStore(STORE);
    }

    private void changed() {
        generation.incrementAndGet();
    }

    /** Writes each catalog record (keyed by service name) into the global store. */
    private static final class Loader implements Processor<String, Service, Void, Void> {
        private final ServiceCatalog catalog;
        private KeyValueStore<String, Service> store;

        Loader(ServiceCatalog catalog) {
            this.catalog = catalog;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(org.apache.kafka.streams.processor.api.Record<String, Service> record) {
            if (record.key() == null) {
                return; // a catalog record must be keyed by service name; nothing to update
            }
            if (record.value() == null) {
                store.delete(record.key());
            } else {
                store.put(record.key(), record.value());
            }
            catalog.changed();
        }
    }
}
