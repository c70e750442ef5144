package io.alertflow.streams.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
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
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The key-value store of {@code state.stores=heap} (what-if): values kept as objects, never serialized. A byte
 * store, even in memory, encodes every value on {@code put} and decodes it on every {@code get}; in what-if, where
 * nearly every alert reads and rewrites its dedup entry and every alert change reads and rewrites incidents, that
 * Avro work was the largest share of a run (docs/BENCHMARKS.md). {@link HashedInMemoryStore} keeps its bytes in one.
 *
 * <p>Values are shared, not copied: {@code get} returns the object {@code put} was given (copying Avro records
 * cost as much as encoding them). That is the same as a byte store as long as no processor changes an object it
 * read from a store, or one it has written to one, without putting it again — which Alertflow's processors do not:
 * they build new records or put what they changed. The invariant is checked under assertions (every test run):
 * each put also keeps the value's encoding, and every read fails with an {@link AssertionError} naming the store
 * and key when the stored object no longer encodes to it.
 *
 * <p>Keys are serialized with the key serde and ordered by those bytes, as every Kafka store orders them, for
 * ranges and prefix scans. Iterators behave as Kafka's in-memory store's: keys fixed when the iterator is created,
 * each value read when {@code hasNext} reaches its key, deleted keys skipped. Single-threaded like a stream task's
 * stores; reads from other threads are served under the store's lock.
 *
 * <p>No changelog: a heap store exists for throwaway runs ({@link StateStores} refuses {@code state.changelogs=true}
 * with it); a global heap store restores from its topic. Interactive queries get the typed
 * {@code ReadOnlyKeyValueStore} methods, not IQv2 queries.
 */
public final class HeapStore<K, V> implements KeyValueStore<K, V> {
    /** Whether assertions are on for this class (tests): then every value is checked at every read. */
    private static final boolean CHECKING = HeapStore.class.desiredAssertionStatus();
    private final String name;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    /** By {@link #lookup} key: the key itself when it is a String or Bytes (no encoding per read), else its bytes. */
    private final Map<Object, Entry<K, V>> entries = new HashMap<>();
    /** Serialized key → lookup key, in serialized order, for ranges and scans; changed only when a key comes or goes. */
    private final NavigableMap<Bytes, Object> order = new TreeMap<>();
    private final Position position = Position.emptyPosition();
    private volatile boolean open;
    /**
     * The lookup key of the last get or put and its entry (null when absent): a processor nearly always puts the key
     * it has just read (dedup does for every alert), and this spares that put a second hash lookup. Entries are
     * changed in place and leave the map only through {@link #remove}, which forgets this.
     */
    private Object lastLookup;
    private Entry<K, V> lastEntry;

    public HeapStore(String name, Serde<K> keySerde, Serde<V> valueSerde) {
        this.name = name;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        if (root != null) {
            // A global store restores from its source topic through this callback; the bytes are the topic's.
            context.register(root, (key, value) -> put(keySerde.deserializer().deserialize(name, key),
                    value == null ? null : valueSerde.deserializer().deserialize(name, value)));
        }
        open = true;
    }

    @Override
    public synchronized V get(K key) {
        Entry<K, V> entry = entry(lookup(key));
        return entry == null ? null : read(entry);
    }

    /** The entry of {@code lookup}, null when absent; remembered as the last one looked up. */
    private Entry<K, V> entry(Object lookup) {
        if (lookup != lastLookup) {
            lastEntry = entries.get(lookup);
            lastLookup = lookup;
        }
        return lastEntry;
    }

    @Override
    public synchronized void put(K key, V value) {
        Object lookup = lookup(key);
        if (value == null) {
            remove(lookup);
            return;
        }
        Entry<K, V> entry = entry(lookup);
        if (entry != null) {
            entry.set(value, encodedWhenChecking(value));
            return;
        }
        lastEntry = new Entry<>(key, value, encodedWhenChecking(value));
        entries.put(lookup, lastEntry);
        order.put(bytes(key), lookup);
    }

    @Override
    public synchronized V putIfAbsent(K key, V value) {
        V existing = get(key);
        if (existing == null) {
            put(key, value);
        }
        return existing;
    }

    @Override
    public synchronized void putAll(List<KeyValue<K, V>> all) {
        for (KeyValue<K, V> entry : all) {
            put(entry.key, entry.value);
        }
    }

    @Override
    public synchronized V delete(K key) {
        Entry<K, V> old = remove(lookup(key));
        return old == null ? null : read(old);
    }

    private Entry<K, V> remove(Object lookup) {
        lastLookup = null;
        lastEntry = null;
        Entry<K, V> old = entries.remove(lookup);
        if (old != null) {
            order.remove(bytes(old.key()));
        }
        return old;
    }

    @Override
    public synchronized KeyValueIterator<K, V> range(K from, K to) {
        return iterator(slice(from, to), true);
    }

    @Override
    public synchronized KeyValueIterator<K, V> reverseRange(K from, K to) {
        return iterator(slice(from, to), false);
    }

    @Override
    public synchronized KeyValueIterator<K, V> all() {
        return iterator(order, true);
    }

    @Override
    public synchronized KeyValueIterator<K, V> reverseAll() {
        return iterator(order, false);
    }

    @Override
    public synchronized <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        Bytes from = Bytes.wrap(prefixKeySerializer.serialize(name, prefix));
        return iterator(order.subMap(from, true, Bytes.increment(from), false), true);
    }

    /** The keys from {@code from} to {@code to}, both included, either open when null; none when from > to. */
    private NavigableMap<Bytes, Object> slice(K from, K to) {
        Bytes lo = from == null ? null : bytes(from);
        Bytes hi = to == null ? null : bytes(to);
        if (lo != null && hi != null && lo.compareTo(hi) > 0) {
            return new TreeMap<>();
        }
        if (lo == null) {
            return hi == null ? order : order.headMap(hi, true);
        }
        return hi == null ? order.tailMap(lo, true) : order.subMap(lo, true, hi, true);
    }

    private KeyValueIterator<K, V> iterator(NavigableMap<Bytes, Object> slice, boolean forward) {
        List<Object> snapshot = new ArrayList<>();
        for (Object lookup : forward ? slice.values() : slice.descendingMap().values()) {
            snapshot.add(lookup);
        }
        return new SnapshotIterator(snapshot.iterator());
    }

    /**
     * The hash-map key of {@code key}. Strings and Bytes are equal exactly when their serialized forms are (the only
     * key types Alertflow's stores use), so they are their own lookup keys; any other type is looked up by its bytes.
     */
    private Object lookup(K key) {
        if (key instanceof String || key instanceof Bytes) {
            return key;
        }
        return bytes(key);
    }

    /** The stored value, checked (under assertions) against its encoding at put. */
    private V read(Entry<K, V> entry) {
        assert entry.encoded() == null || Arrays.equals(entry.encoded(), encode(entry.value()))
                : "heap store " + name + ": the value of key '" + entry.key() + "' was changed after it was put, without"
                + " being put again; a processor modified an object it read from or wrote to the store (heap stores"
                + " share objects, byte stores would not have seen the change)";
        return entry.value();
    }

    /** The value's encoding when assertions are enabled (to check {@link #read}), else null: no cost in a run. */
    private byte[] encodedWhenChecking(V value) {
        return CHECKING ? encode(value).clone() : null; // a byte-array serde hands back the array itself
    }

    private byte[] encode(V value) {
        return valueSerde.serializer().serialize(name, value);
    }

    private Bytes bytes(K key) {
        if (key == null) {
            throw new NullPointerException("store " + name + " does not accept a null key");
        }
        return Bytes.wrap(keySerde.serializer().serialize(name, key));
    }

    @Override
    public long approximateNumEntries() {
        return entries.size();
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        // nothing to make durable: on the heap only
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
        entries.clear();
        order.clear();
        lastLookup = null;
        lastEntry = null;
        open = false;
    }

    @Override
    public Position getPosition() {
        return position;
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return QueryResult.forUnknownQueryType(query, this);
    }

    /** A stored value, its key as given, and (only under assertions) the value's encoding at put; changed by each put. */
    private static final class Entry<K, V> {
        private final K key;
        private V value;
        private byte[] encoded;

        Entry(K key, V value, byte[] encoded) {
            this.key = key;
            set(value, encoded);
        }

        void set(V value, byte[] encoded) {
            this.value = value;
            this.encoded = encoded;
        }

        K key() {
            return key;
        }

        V value() {
            return value;
        }

        byte[] encoded() {
            return encoded;
        }
    }

    /** Keys fixed at creation, each value read when reached, deleted keys skipped. */
    private final class SnapshotIterator implements KeyValueIterator<K, V> {
        private final Iterator<Object> snapshot;
        /** The next key and its value, read when hasNext reached it (a later put does not change what next returns). */
        private KeyValue<K, V> nextPair;
        private boolean closed;

        SnapshotIterator(Iterator<Object> snapshot) {
            this.snapshot = snapshot;
        }

        @Override
        public boolean hasNext() {
            if (closed) {
                throw new IllegalStateException("Iterator for store " + name + " has already been closed.");
            }
            synchronized (HeapStore.this) {
                while (nextPair == null && snapshot.hasNext()) {
                    Entry<K, V> entry = entries.get(snapshot.next());
                    nextPair = entry == null ? null : KeyValue.pair(entry.key(), read(entry));
                }
                return nextPair != null;
            }
        }

        @Override
        public KeyValue<K, V> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            KeyValue<K, V> current = nextPair;
            nextPair = null;
            return current;
        }

        @Override
        public K peekNextKey() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return nextPair.key;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
