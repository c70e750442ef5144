package io.alertflow.streams.state;

import io.alertflow.config.ConfigSource;
import java.time.Duration;
import java.util.Locale;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Where every stage's state stores live, decided once: RocksDB, in-memory or heap ({@code state.stores}), with or
 * without changelog topics ({@code state.changelogs}). In-memory key-value stores are {@link HashedInMemoryStore}s
 * (bytes); heap key-value stores are {@link HeapStore}s (objects, shared, never serialized; without changelogs
 * only). Window stores are Kafka's in-memory ones whatever the engine: see {@link #window}.
 *
 * <p>A live deployment keeps the defaults (RocksDB, changelogs on). What-if runs on the heap without changelogs:
 * its state is thrown away after the run, and under {@code TopologyTestDriver}, which commits after every record,
 * a RocksDB store is flushed to disk and a changelog record is produced for every write, and a byte store encodes
 * and decodes every value it is given or asked for. Without changelogs there is nothing for a write cache to save,
 * so caching is off too.
 */
public final class StateStores {
    /** The store engine. */
    public enum Engine { ROCKSDB, IN_MEMORY, HEAP }

    private final Engine engine;
    private final boolean changelogs;

    public StateStores(Engine engine, boolean changelogs) {
        this.engine = engine;
        this.changelogs = changelogs;
    }

    /** The live default: RocksDB with changelogs. */
    public static StateStores defaults() {
        return new StateStores(Engine.ROCKSDB, true);
    }

    /** From {@code state.stores} and {@code state.changelogs}; a malformed value fails here, at start. */
    public static StateStores from(ConfigSource source) {
        String engine = source.string("state.stores").trim().toLowerCase(Locale.ROOT);
        Engine parsed = switch (engine) {
            case "rocksdb" -> Engine.ROCKSDB;
            case "in-memory" -> Engine.IN_MEMORY;
            case "heap" -> Engine.HEAP;
            default -> throw new ConfigSource.ConfigException("state.stores", "must be rocksdb, in-memory or heap, got '" + engine + "'");
        };
        boolean changelogs = source.bool("state.changelogs");
        if (parsed == Engine.HEAP && changelogs) {
            throw new ConfigSource.ConfigException("state.changelogs",
                    "must be false with state.stores=heap: heap stores keep objects and have no changelog");
        }
        return new StateStores(parsed, changelogs);
    }

    public Engine engine() {
        return engine;
    }

    public boolean changelogs() {
        return changelogs;
    }

    /** A key-value store of a processor, logged when changelogs are on. */
    public <K, V> StoreBuilder<KeyValueStore<K, V>> keyValue(String name, Serde<K> keys, Serde<V> values) {
        StoreBuilder<KeyValueStore<K, V>> builder = keyValueBuilder(name, keys, values);
        return changelogs ? builder : builder.withLoggingDisabled();
    }

    /** A key-value store with a write cache in front (hot keys written on every record), when changelogs are on. */
    public <K, V> StoreBuilder<KeyValueStore<K, V>> cachedKeyValue(String name, Serde<K> keys, Serde<V> values) {
        StoreBuilder<KeyValueStore<K, V>> builder = keyValue(name, keys, values);
        return changelogs ? builder.withCachingEnabled() : builder;
    }

    /** The store of a global table: never logged (its topic is its changelog). */
    public <K, V> StoreBuilder<KeyValueStore<K, V>> global(String name, Serde<K> keys, Serde<V> values) {
        return keyValueBuilder(name, keys, values).withLoggingDisabled();
    }

    /**
     * A window store of a processor ({@code retainDuplicates} false), logged when changelogs are on; in memory with
     * every engine. Alertflow's window stores hold minutes and hours of per-service counts (hundreds of entries)
     * and restore from their changelogs in well under a second. On RocksDB, Kafka Streams 4.3.1 keeps a window
     * store's committed changelog offset inside its segments, so a store with no segment left (a partition that
     * saw no alert within the retention) cannot record it: under exactly-once every clean restart then declared
     * the whole task corrupted, logged an ERROR and wiped and restored every store of it ({@code CleanRestartIT}).
     */
    public <K, V> StoreBuilder<WindowStore<K, V>> window(String name, Duration retention, Duration size,
                                                         Serde<K> keys, Serde<V> values) {
        WindowBytesStoreSupplier supplier = Stores.inMemoryWindowStore(name, retention, size, false);
        StoreBuilder<WindowStore<K, V>> builder = Stores.windowStoreBuilder(supplier, keys, values);
        return changelogs ? builder : builder.withLoggingDisabled();
    }

    /**
     * The store of a DSL windowed aggregation, logged and cached (the DSL default) when changelogs are on; in memory
     * with every engine, as {@link #window}.
     */
    public <K, V> Materialized<K, V, WindowStore<Bytes, byte[]>> windowedAggregate(String name, Duration retention,
                                                                                   Duration size) {
        WindowBytesStoreSupplier supplier = Stores.inMemoryWindowStore(name, retention, size, false);
        Materialized<K, V, WindowStore<Bytes, byte[]>> materialized = Materialized.as(supplier);
        return changelogs ? materialized : materialized.withLoggingDisabled().withCachingDisabled();
    }

    /** The engine's key-value store builder, as Kafka makes them: logged, uncached (a heap store is never logged). */
    private <K, V> StoreBuilder<KeyValueStore<K, V>> keyValueBuilder(String name, Serde<K> keys, Serde<V> values) {
        return switch (engine) {
            case ROCKSDB -> Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values);
            case IN_MEMORY -> Stores.keyValueStoreBuilder(HashedInMemoryStore.supplier(name), keys, values);
            case HEAP -> new HeapStoreBuilder<>(name, keys, values);
        };
    }

    @Override
    public String toString() {
        return engine.name().toLowerCase(Locale.ROOT).replace('_', '-') + (changelogs ? " with changelogs" : " without changelogs");
    }
}
