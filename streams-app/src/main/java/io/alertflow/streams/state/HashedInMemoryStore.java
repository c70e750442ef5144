package io.alertflow.streams.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.NoSuchElementException;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
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
 * The in-memory key-value store of {@code state.stores=in-memory} (what-if, tests): the same contract as Kafka
 * Streams' own in-memory store, with reads and overwrites by key in a hash map. Kafka's keeps everything in a tree
 * map, so every {@code get} and {@code put} compares the key with about log2(n) others — in what-if, where nearly
 * every alert is a re-send that reads and rewrites its dedup entry, those comparisons were the largest single cost
 * (docs/BENCHMARKS.md). A sorted key set, changed only when a key appears or goes, serves ranges and prefix scans.
 *
 * <p>Iterators behave as Kafka's do: the keys of the range are taken when the iterator is created, each value is
 * read when {@code next} reaches it, and keys deleted in between are skipped. Single-threaded like a stream task's
 * stores; interactive queries from other threads are served under the store's lock.
 */
public final class HashedInMemoryStore implements KeyValueStore<Bytes, byte[]> {
    private final String name;
    private final Map<Bytes, byte[]> values = new HashMap<>();
    private final NavigableSet<Bytes> keys = new TreeSet<>();
    private final Position position = Position.emptyPosition();
    private StateStoreContext context;
    private volatile boolean open;

    public HashedInMemoryStore(String name) {
        this.name = name;
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
        open = true;
    }

    @Override
    public synchronized byte[] get(Bytes key) {
        return values.get(key);
    }

    @Override
    public synchronized void put(Bytes key, byte[] value) {
        if (value == null) {
            delete(key);
        } else if (values.put(key, value) == null) {
            keys.add(key);
        }
        StoreQueryUtils.updatePosition(position, context);
    }

    @Override
    public synchronized byte[] putIfAbsent(Bytes key, byte[] value) {
        byte[] existing = values.get(key);
        if (existing == null) {
            put(key, value);
        }
        return existing;
    }

    @Override
    public synchronized void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        for (KeyValue<Bytes, byte[]> entry : entries) {
            put(entry.key, entry.value);
        }
    }

    @Override
    public synchronized byte[] delete(Bytes key) {
        byte[] old = values.remove(key);
        if (old != null) {
            keys.remove(key);
        }
        return old;
    }

    @Override
    public synchronized KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return iterator(slice(from, to), true);
    }

    @Override
    public synchronized KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return iterator(slice(from, to), false);
    }

    @Override
    public synchronized KeyValueIterator<Bytes, byte[]> all() {
        return iterator(keys, true);
    }

    @Override
    public synchronized KeyValueIterator<Bytes, byte[]> reverseAll() {
        return iterator(keys, false);
    }

    @Override
    public synchronized <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS prefixKeySerializer) {
        Bytes from = Bytes.wrap(prefixKeySerializer.serialize(null, prefix));
        Bytes to = Bytes.increment(from);
        return iterator(keys.subSet(from, true, to, false), true);
    }

    /** The keys from {@code from} to {@code to}, both included, either open when null; none when from > to. */
    private NavigableSet<Bytes> slice(Bytes from, Bytes to) {
        if (from != null && to != null && from.compareTo(to) > 0) {
            return new TreeSet<>();
        }
        if (from == null) {
            return to == null ? keys : keys.headSet(to, true);
        }
        return to == null ? keys.tailSet(from, true) : keys.subSet(from, true, to, true);
    }

    private KeyValueIterator<Bytes, byte[]> iterator(NavigableSet<Bytes> slice, boolean forward) {
        // One pass: new ArrayList<>(slice) would first count the view (a walk of its own) to size the copy.
        List<Bytes> snapshot = new ArrayList<>();
        for (Bytes key : forward ? slice : slice.descendingSet()) {
            snapshot.add(key);
        }
        return new SnapshotIterator(snapshot.iterator());
    }

    @Override
    public long approximateNumEntries() {
        return values.size();
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
        return open;
    }

    @Override
    public synchronized void close() {
        values.clear();
        keys.clear();
        open = false;
    }

    @Override
    public Position getPosition() {
        return position;
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return StoreQueryUtils.handleBasicQueries(query, positionBound, config, this, position, context);
    }

    /** Keys fixed at creation, values read as it goes, deleted keys skipped. */
    private final class SnapshotIterator implements KeyValueIterator<Bytes, byte[]> {
        private final Iterator<Bytes> snapshot;
        private Bytes nextKey;
        private boolean closed;

        SnapshotIterator(Iterator<Bytes> snapshot) {
            this.snapshot = snapshot;
        }

        @Override
        public boolean hasNext() {
            if (closed) {
                throw new IllegalStateException("Iterator for store " + name + " has already been closed.");
            }
            synchronized (HashedInMemoryStore.this) {
                while ((nextKey == null || !values.containsKey(nextKey)) && snapshot.hasNext()) {
                    nextKey = snapshot.next();
                }
                if (nextKey != null && !values.containsKey(nextKey)) {
                    nextKey = null;
                }
                return nextKey != null;
            }
        }

        @Override
        public KeyValue<Bytes, byte[]> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            KeyValue<Bytes, byte[]> current = KeyValue.pair(nextKey, get(nextKey));
            nextKey = null;
            return current;
        }

        @Override
        public Bytes peekNextKey() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return nextKey;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
