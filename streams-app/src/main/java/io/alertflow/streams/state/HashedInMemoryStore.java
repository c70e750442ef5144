package io.alertflow.streams.state;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.StoreQueryUtils;

/**
 * The in-memory byte store of {@code state.stores=in-memory}: the same contract as Kafka Streams' own in-memory
 * store, with reads and overwrites by key in a hash map. Kafka's keeps everything in a tree map, so every {@code get}
 * and {@code put} compares the key with about log2(n) others — in what-if, where nearly every alert is a re-send that
 * reads and rewrites its dedup entry, those comparisons were the largest single cost (docs/BENCHMARKS.md).
 *
 * <p>The entries are a {@link HeapStore} of {@code Bytes} to {@code byte[]} (hash-map reads, serialized-key order for
 * ranges and prefix scans, Kafka's iterator semantics); this adds what a byte store under Kafka's metered layers
 * owes: restoring from a changelog, positions and interactive queries.
 */
public final class HashedInMemoryStore implements KeyValueStore<Bytes, byte[]> {
    private final String name;
    private final HeapStore<Bytes, byte[]> entries;
    private final Position position = Position.emptyPosition();
    private StateStoreContext context;

    public HashedInMemoryStore(String name) {
        this.name = name;
        this.entries = new HeapStore<>(name, Serdes.Bytes(), Serdes.ByteArray());
    }

    /** A supplier for {@code Stores.keyValueStoreBuilder}. */
    public static KeyValueBytesStoreSupplier supplier(String name) {
        return new KeyValueBytesStoreSupplier() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public KeyValueStore<Bytes, byte[]> get() {
                return new HashedInMemoryStore(name);
            }

            @Override
            public String metricsScope() {
                return "in-memory";
            }
        };
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext stateStoreContext, StateStore root) {
        this.context = stateStoreContext;
        if (root != null) {
            // Restores from a changelog when one is configured (state.changelogs=true with in-memory stores).
            stateStoreContext.register(root, (key, value) -> put(Bytes.wrap(key), value));
        }
        entries.init(stateStoreContext, null);
    }

    @Override
    public byte[] get(Bytes key) {
        return entries.get(key);
    }

    @Override
    public synchronized void put(Bytes key, byte[] value) {
        entries.put(key, value);
        StoreQueryUtils.updatePosition(position, context);
    }

    @Override
    public synchronized byte[] putIfAbsent(Bytes key, byte[] value) {
        byte[] existing = entries.get(key);
        if (existing == null) {
            put(key, value);
        }
        return existing;
    }

    @Override
    public synchronized void putAll(List<KeyValue<Bytes, byte[]>> all) {
        for (KeyValue<Bytes, byte[]> entry : all) {
            put(entry.key, entry.value);
        }
    }

    @Override
    public byte[] delete(Bytes key) {
        return entries.delete(key);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return entries.range(from, to);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return entries.reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return entries.all();
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return entries.reverseAll();
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS prefixKeySerializer) {
        return entries.prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        return entries.approximateNumEntries();
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        // nothing to make durable: in memory only
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return entries.isOpen();
    }

    @Override
    public void close() {
        entries.close();
    }

    @Override
    public Position getPosition() {
        return position;
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return StoreQueryUtils.handleBasicQueries(query, positionBound, config, this, position, context);
    }
}
