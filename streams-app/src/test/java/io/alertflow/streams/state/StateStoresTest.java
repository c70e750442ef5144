package io.alertflow.streams.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.config.ConfigSource;
import io.alertflow.streams.config.AlertflowConfig;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StateStoresTest {

    static Stream<Arguments> settings() {
        return Stream.of(
                Arguments.of("defaults: RocksDB with changelogs", Map.of(), "rocksdb with changelogs", true, true),
                Arguments.of("in-memory with changelogs", Map.of("state.stores", "in-memory"),
                        "in-memory with changelogs", true, true),
                Arguments.of("what-if: in-memory without changelogs",
                        Map.of("state.stores", "In-Memory", "state.changelogs", "false"),
                        "in-memory without changelogs", false, false),
                Arguments.of("what-if: heap (objects) without changelogs",
                        Map.of("state.stores", "heap", "state.changelogs", "false"),
                        "heap without changelogs", false, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settings")
    void storesFollowTheSettings(String name, Map<String, String> values, String described, boolean logged,
                                 boolean cached) {
        StateStores stores = AlertflowConfig.of(values).stateStores();
        assertEquals(described, stores.toString());

        StoreBuilder<?> plain = stores.keyValue("s", Serdes.String(), Serdes.String());
        StoreBuilder<?> hot = stores.cachedKeyValue("h", Serdes.String(), Serdes.String());
        StoreBuilder<?> window = stores.window("w", Duration.ofHours(1), Duration.ofMinutes(1), Serdes.String(),
                Serdes.Long());
        assertEquals(logged, plain.loggingEnabled());
        assertEquals(logged, hot.loggingEnabled());
        assertEquals(logged, window.loggingEnabled());
        assertEquals(cached, hot.build() instanceof org.apache.kafka.streams.state.internals.WrappedStateStore<?, ?, ?> w
                && isCached(w));
        assertEquals(stores.engine() == StateStores.Engine.ROCKSDB, plain.build().persistent());
        // Window stores stay in memory with every engine (CleanRestartIT shows why).
        assertEquals(false, window.build().persistent());
    }

    @Test
    void globalStoresAreNeverLogged() {
        assertTrue(!StateStores.defaults().global("g", Serdes.String(), Serdes.String()).loggingEnabled());
    }

    @Test
    void anUnknownEngineFailsAtStartNamingTheKey() {
        ConfigSource.ConfigException e = assertThrows(ConfigSource.ConfigException.class,
                () -> AlertflowConfig.of(Map.of("state.stores", "leveldb")));
        assertTrue(e.getMessage().contains("state.stores") && e.getMessage().contains("leveldb"), e.getMessage());
    }

    @Test
    void heapStoresKeepObjectsAndRefuseChangelogs() {
        StateStores heap = AlertflowConfig.of(Map.of("state.stores", "heap", "state.changelogs", "false")).stateStores();
        assertTrue(heap.keyValue("s", Serdes.String(), Serdes.String()).build() instanceof HeapStore<?, ?>);
        assertTrue(heap.global("g", Serdes.String(), Serdes.String()).build() instanceof HeapStore<?, ?>);

        ConfigSource.ConfigException e = assertThrows(ConfigSource.ConfigException.class,
                () -> AlertflowConfig.of(Map.of("state.stores", "heap")));
        assertTrue(e.getMessage().contains("state.changelogs") && e.getMessage().contains("heap"), e.getMessage());
    }

    private static boolean isCached(org.apache.kafka.streams.state.internals.WrappedStateStore<?, ?, ?> store) {
        org.apache.kafka.streams.processor.StateStore s = store;
        while (s instanceof org.apache.kafka.streams.state.internals.WrappedStateStore<?, ?, ?> w) {
            // Every wrapper implements CachedStateStore; the caching layer is the one named Caching*.
            if (s.getClass().getSimpleName().startsWith("Caching")) {
                return true;
            }
            s = w.wrapped();
        }
        return false;
    }
}
