package io.alertflow.streams.state;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/** Builds {@link HeapStore}s: never cached (a heap store is its own cache) and never logged. */
final class HeapStoreBuilder<K, V> implements StoreBuilder<KeyValueStore<K, V>> {
    private final String name;
    private final Serde<K> keys;
    private final Serde<V> values;

    HeapStoreBuilder(String name, Serde<K> keys, Serde<V> values) {
        this.name = name;
        this.keys = keys;
        this.values = values;
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withCachingEnabled() {
        return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withCachingDisabled() {
        return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withLoggingEnabled(Map<String, String> config) {
        throw new UnsupportedOperationException("heap store " + name + " has no changelog (state.stores=heap)");
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withLoggingDisabled() {
        return this;
    }

    @Override
    public KeyValueStore<K, V> build() {
        return new HeapStore<>(name, keys, values);
    }

    @Override
    public Map<String, String> logConfig() {
        return Map.of();
    }

    @Override
    public boolean loggingEnabled() {
        return false;
    }

    @Override
    public String name() {
        return name;
    }
}
