package io.alertflow.streams.state;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.avro.Service;
import io.alertflow.serde.ConfluentAvroSerde;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateRestoreCallback;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link HeapStore} against a sorted map of the keys' UTF-8 bytes, and its shared-object invariant. */
class HeapStoreTest {
    /** Keys beyond ASCII: a heap store orders by the serialized key, as every Kafka store does, not by String order. */
    private static final String[] ALPHABET = {"a", "b", "c", "ab", "é", "z", "\uFF21", "\uD83D\uDE00"};

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42})
    void answersEveryReadAsASortedMapOfTheSerializedKeysWould(long seed) {
        NavigableMap<Bytes, KeyValue<String, String>> expected = new TreeMap<>();
        KeyValueStore<String, String> actual = new HeapStore<>("heap", Serdes.String(), Serdes.String());
        Random random = new Random(seed);
        for (int op = 0; op < 5_000; op++) {
            String key = key(random);
            String value = Integer.toString(random.nextInt(100));
            switch (random.nextInt(6)) {
                case 0, 1, 2 -> {
                    expected.put(bytes(key), KeyValue.pair(key, value));
                    actual.put(key, value);
                }
                case 3 -> assertEquals(valueOf(expected.remove(bytes(key))), actual.delete(key));
                case 4 -> {
                    expected.remove(bytes(key));
                    actual.put(key, null);
                }
                default -> {
                    String before = valueOf(expected.get(bytes(key)));
                    if (before == null) {
                        expected.put(bytes(key), KeyValue.pair(key, value));
                    }
                    assertEquals(before, actual.putIfAbsent(key, value));
                }
            }
            assertEquals(valueOf(expected.get(bytes(key))), actual.get(key));
            if (op % 50 == 0) {
                assertSameReads(expected, actual, key(random), key(random));
            }
        }
        assertEquals(expected.size(), actual.approximateNumEntries());
        assertEquals(List.copyOf(expected.values()), drain(actual.all()));
        assertEquals(reversed(List.copyOf(expected.values())), drain(actual.reverseAll()));
    }

    @Test
    void iteratorsKeepTheirKeysSkipDeletedOnesAndReadValuesWhenReached() {
        KeyValueStore<String, String> store = new HeapStore<>("heap", Serdes.String(), Serdes.String());
        store.put("a", "1");
        store.put("b", "2");
        store.put("c", "3");
        try (KeyValueIterator<String, String> it = store.all()) {
            store.delete("b");
            store.put("c", "30");
            store.put("d", "4");
            assertEquals(List.of(KeyValue.pair("a", "1"), KeyValue.pair("c", "30")), drain(it));
        }
        KeyValueIterator<String, String> closed = store.all();
        closed.close();
        assertThrows(IllegalStateException.class, closed::hasNext);
    }

    @Test
    void rangesAndPrefixScansFollowTheSerializedKeys() {
        KeyValueStore<String, String> store = new HeapStore<>("heap", Serdes.String(), Serdes.String());
        for (String key : List.of("inc-1", "inc-10", "inc-2", "job-1", "in")) {
            store.put(key, key);
        }
        assertEquals(List.of("inc-1", "inc-10", "inc-2"), keys(store.prefixScan("inc-", Serdes.String().serializer())));
        assertEquals(List.of("inc-10", "inc-2"), keys(store.range("inc-10", "inc-2")));
        assertEquals(List.of("inc-2", "inc-10"), keys(store.reverseRange("inc-10", "inc-2")));
        assertEquals(List.of(), keys(store.range("z", "a")), "from after to is empty");
        assertEquals(List.of("in", "inc-1"), keys(store.range(null, "inc-1")));
        assertEquals(List.of("job-1"), keys(store.range("j", null)));
    }

    @Test
    void keysOfOtherTypesAreLookedUpAndOrderedByTheirBytes() {
        KeyValueStore<Long, String> store = new HeapStore<>("longs", Serdes.Long(), Serdes.String());
        store.put(-1L, "minus one");
        store.put(2L, "two");
        store.put(1L, "one");
        store.put(2L, "two again");
        assertEquals("two again", store.get(2L));
        assertEquals(3, store.approximateNumEntries());
        // Big-endian two's complement: -1 is 0xFF… and sorts after every non-negative key, as in RocksDB.
        assertEquals(List.of(KeyValue.pair(1L, "one"), KeyValue.pair(2L, "two again"), KeyValue.pair(-1L, "minus one")),
                drain(store.all()));
        assertEquals("one", store.delete(1L));
        assertNull(store.get(1L));
        assertEquals(List.of(KeyValue.pair(2L, "two again")), drain(store.range(0L, 5L)));
    }

    @Test
    void sharesValuesAndFailsUnderAssertionsWhenAStoredObjectIsChangedWithoutAPut() {
        assertTrue(HeapStore.class.desiredAssertionStatus(), "the test JVM runs with assertions (surefire's default)");
        KeyValueStore<String, Service> store = new HeapStore<>("services-store", Serdes.String(), services());
        Service db = Service.newBuilder().setName("db").setTier(1).build();
        store.put("db", db);
        assertSame(db, store.get("db"), "no copy: the object put is the object read");

        db.setTier(2);
        AssertionError changed = assertThrows(AssertionError.class, () -> store.get("db"));
        assertTrue(changed.getMessage().contains("services-store") && changed.getMessage().contains("'db'"),
                changed.getMessage());
        assertThrows(AssertionError.class, () -> drain(store.all()), "iterators check too");

        store.put("db", db);
        assertEquals(2, store.get("db").getTier(), "putting the changed object again is how a processor changes state");
    }

    @Test
    void byteArrayValuesAreCheckedToo() {
        KeyValueStore<Bytes, byte[]> store = new HeapStore<>("deadlines", Serdes.Bytes(), Serdes.ByteArray());
        byte[] value = {1, 2};
        store.put(Bytes.wrap(new byte[] {7}), value);
        value[0] = 9;
        assertThrows(AssertionError.class, () -> store.get(Bytes.wrap(new byte[] {7})));
    }

    @Test
    void aGlobalStoreRestoresFromItsTopicsBytesIncludingDeletions() {
        Serde<Service> serde = services();
        HeapStore<String, Service> store = new HeapStore<>("catalog", Serdes.String(), serde);
        StateRestoreCallback restore = RestoreContext.init(store);
        assertTrue(store.isOpen());
        Service api = Service.newBuilder().setName("api").setTier(2).build();
        restore.restore(bytes("api").get(), serde.serializer().serialize("catalog", api));
        restore.restore(bytes("db").get(), serde.serializer().serialize("catalog", Service.newBuilder().setName("db").build()));
        restore.restore(bytes("db").get(), null);
        assertEquals(api, store.get("api"));
        assertNull(store.get("db"));
        assertEquals(1, store.approximateNumEntries());
        store.close();
        assertFalse(store.isOpen());
    }

    private static Serde<Service> services() {
        return new ConfluentAvroSerde<>(Service.class, Map.of("schema.registry.url", "mock://" + UUID.randomUUID()), false);
    }

    private static void assertSameReads(NavigableMap<Bytes, KeyValue<String, String>> expected,
                                        KeyValueStore<String, String> actual, String from, String to) {
        Bytes lo = bytes(from);
        Bytes hi = bytes(to);
        List<KeyValue<String, String>> range = lo.compareTo(hi) > 0 ? List.of() : List.copyOf(expected.subMap(lo, true, hi, true).values());
        assertEquals(range, drain(actual.range(from, to)), "range " + from + ".." + to);
        assertEquals(reversed(range), drain(actual.reverseRange(from, to)), "reverse range " + from + ".." + to);
        String first = new String(Character.toChars(from.codePointAt(0)));
        Bytes prefix = bytes(first);
        assertEquals(List.copyOf(expected.subMap(prefix, true, Bytes.increment(prefix), false).values()),
                drain(actual.prefixScan(first, Serdes.String().serializer())), "prefix " + first);
    }

    /**
     * A key of two letters: half the time one fixed object per key, half the time a new equal one, so that the store's
     * memory of the last key it looked up is met both with the same key object and with an equal one.
     */
    private static String key(Random random) {
        String key = KEYS[random.nextInt(KEYS.length)];
        return random.nextBoolean() ? key : new String(key);
    }

    private static final String[] KEYS = java.util.Arrays.stream(ALPHABET)
            .flatMap(a -> java.util.Arrays.stream(ALPHABET).map(b -> a + b)).toArray(String[]::new);

    private static Bytes bytes(String key) {
        return Bytes.wrap(key.getBytes(UTF_8));
    }

    private static String valueOf(KeyValue<String, String> entry) {
        return entry == null ? null : entry.value;
    }

    private static <K, V> List<KeyValue<K, V>> drain(KeyValueIterator<K, V> it) {
        List<KeyValue<K, V>> all = new ArrayList<>();
        try (it) {
            it.forEachRemaining(all::add);
        }
        return all;
    }

    private static List<String> keys(KeyValueIterator<String, String> it) {
        List<String> keys = new ArrayList<>();
        drain(it).forEach(kv -> keys.add(kv.key));
        return keys;
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
