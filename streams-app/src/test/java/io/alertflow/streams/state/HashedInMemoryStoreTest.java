package io.alertflow.streams.state;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateRestoreCallback;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link HashedInMemoryStore} against Kafka's own in-memory store as the oracle. */
class HashedInMemoryStoreTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42})
    void answersEveryReadAsKafkasInMemoryStoreDoes(long seed) {
        KeyValueStore<Bytes, byte[]> expected = Stores.inMemoryKeyValueStore("oracle").get();
        KeyValueStore<Bytes, byte[]> actual = HashedInMemoryStore.supplier("hashed").get();
        Random random = new Random(seed);
        for (int op = 0; op < 5_000; op++) {
            Bytes key = key(random);
            byte[] value = {(byte) random.nextInt(256)};
            switch (random.nextInt(7)) {
                case 0, 1, 2 -> {
                    expected.put(key, value);
                    actual.put(key, value);
                }
                case 3 -> assertArrayEquals(expected.delete(key), actual.delete(key));
                case 4 -> {
                    expected.put(key, null);
                    actual.put(key, null);
                }
                case 5 -> assertArrayEquals(expected.putIfAbsent(key, value), actual.putIfAbsent(key, value));
                default -> assertArrayEquals(expected.get(key), actual.get(key));
            }
            if (op % 50 == 0) {
                assertSameReads(expected, actual, key(random), key(random));
            }
        }
        assertSameReads(expected, actual, null, null);
    }

    @Test
    void iteratorsKeepTheirKeysButSkipDeletedOnesAndReadValuesWhenReached() {
        KeyValueStore<Bytes, byte[]> store = HashedInMemoryStore.supplier("s").get();
        store.put(bytes("a"), bytes("1").get());
        store.put(bytes("b"), bytes("2").get());
        store.put(bytes("c"), bytes("3").get());
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            store.delete(bytes("b"));
            store.put(bytes("c"), bytes("30").get());
            store.put(bytes("bb"), bytes("new").get());
            assertEquals(List.of("a=1", "c=30"), drain(it), "b deleted, c read when reached, bb added after creation");
        }
    }

    @Test
    void forgetsWhatIsDeletedAndAnswersEmptyRangesWhenFromIsAfterTo() {
        KeyValueStore<Bytes, byte[]> store = HashedInMemoryStore.supplier("s").get();
        store.put(bytes("a"), bytes("1").get());
        store.delete(bytes("a"));
        assertNull(store.get(bytes("a")));
        assertEquals(0, store.approximateNumEntries());
        store.put(bytes("x"), bytes("1").get());
        try (KeyValueIterator<Bytes, byte[]> it = store.range(bytes("z"), bytes("a"))) {
            assertFalse(it.hasNext());
        }
        KeyValueIterator<Bytes, byte[]> closed = store.all();
        closed.close();
        assertThrows(IllegalStateException.class, closed::hasNext);
    }

    @Test
    void prefixScanReturnsTheKeysStartingWithThePrefix() {
        KeyValueStore<Bytes, byte[]> store = HashedInMemoryStore.supplier("s").get();
        for (String k : new String[] {"inc-1|a", "inc-1|b", "inc-10|a", "inc-2|a", "inc-1"}) {
            store.put(bytes(k), bytes(k).get());
        }
        try (KeyValueIterator<Bytes, byte[]> it = store.prefixScan("inc-1|", Serdes.String().serializer())) {
            assertEquals(List.of("inc-1|a=inc-1|a", "inc-1|b=inc-1|b"), drain(it));
        }
    }

    @Test
    void restoresFromItsChangelogIncludingDeletions() {
        HashedInMemoryStore store = new HashedInMemoryStore("restored");
        StateRestoreCallback restore = RestoreContext.init(store);

        restore.restore(bytes("a").get(), bytes("1").get());
        restore.restore(bytes("b").get(), bytes("2").get());
        restore.restore(bytes("a").get(), null);
        restore.restore(bytes("b").get(), bytes("3").get());

        assertTrue(store.isOpen());
        assertNull(store.get(bytes("a")), "a tombstone in the changelog deletes the key");
        assertEquals(List.of("b=3"), drain(store.all()));
    }

    private static void assertSameReads(KeyValueStore<Bytes, byte[]> expected, KeyValueStore<Bytes, byte[]> actual,
                                        Bytes from, Bytes to) {
        assertEquals(expected.approximateNumEntries(), actual.approximateNumEntries(), "entries");
        assertEquals(drain(expected.range(from, to)), drain(actual.range(from, to)), "range " + from + ".." + to);
        assertEquals(drain(expected.reverseRange(from, to)), drain(actual.reverseRange(from, to)), "reverse range");
        assertEquals(drain(expected.all()), drain(actual.all()), "all");
        assertEquals(drain(expected.reverseAll()), drain(actual.reverseAll()), "reverse all");
        if (from != null) {
            String prefix = new String(from.get(), ISO_8859_1).substring(0, 1);
            assertEquals(drain(expected.prefixScan(prefix, Serdes.String().serializer())),
                    drain(actual.prefixScan(prefix, Serdes.String().serializer())), "prefix " + prefix);
        }
    }

    /** Keys of one to three letters from a small alphabet, so that ranges, prefixes and overwrites all happen. */
    private static Bytes key(Random random) {
        StringBuilder s = new StringBuilder();
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            s.append((char) ('a' + random.nextInt(6)));
        }
        return bytes(s.toString());
    }

    private static Bytes bytes(String s) {
        return Bytes.wrap(s.getBytes(ISO_8859_1));
    }

    private static List<String> drain(KeyValueIterator<Bytes, byte[]> it) {
        List<String> out = new ArrayList<>();
        try (it) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                out.add(new String(kv.key.get(), ISO_8859_1) + "=" + new String(kv.value, ISO_8859_1));
            }
        }
        return out;
    }
}
