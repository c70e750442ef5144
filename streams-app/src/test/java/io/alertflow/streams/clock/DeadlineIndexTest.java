package io.alertflow.streams.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.streams.state.HeapStore;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link DeadlineIndex} against a sorted set of (deadline, id), and how rarely {@code anyDue} reads its store. */
class DeadlineIndexTest {
    private final AtomicInteger ranges = new AtomicInteger();

    /** A store that counts the range reads made on it. */
    @SuppressWarnings("unchecked")
    private KeyValueStore<Bytes, byte[]> countingStore() {
        KeyValueStore<Bytes, byte[]> heap = new HeapStore<>("deadlines", Serdes.Bytes(), Serdes.ByteArray());
        return (KeyValueStore<Bytes, byte[]>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {KeyValueStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("range")) {
                        ranges.incrementAndGet();
                    }
                    return method.invoke(heap, args);
                });
    }

    private record Entry(long deadline, String id) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            return deadline != o.deadline ? Long.compare(deadline, o.deadline) : id.compareTo(o.id);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42})
    void answersAsASortedSetOfDeadlinesWould(long seed) {
        Random random = new Random(seed);
        DeadlineIndex index = new DeadlineIndex(countingStore());
        TreeSet<Entry> expected = new TreeSet<>();
        long now = 1_000_000;
        for (int op = 0; op < 5_000; op++) {
            switch (random.nextInt(4)) {
                case 0 -> {
                    // Deadlines before, at and after now, near and far: scheduling earlier must lower what anyDue knows.
                    long deadline = now + random.nextInt(4_000) - 1_000;
                    String id = "fp-" + random.nextInt(50);
                    index.schedule(Instant.ofEpochMilli(deadline), id);
                    expected.add(new Entry(deadline, id));
                }
                case 1 -> {
                    int max = 1 + random.nextInt(5);
                    List<Entry> due = new ArrayList<>();
                    for (Entry e : expected.headSet(new Entry(now + 1, ""))) {
                        if (due.size() < max) {
                            due.add(e);
                        }
                    }
                    due.forEach(expected::remove);
                    List<Entry> popped = index.popDue(Instant.ofEpochMilli(now), max).stream()
                            .map(d -> new Entry(d.deadline().toEpochMilli(), d.id())).toList();
                    assertEquals(due, popped, "popDue at " + now);
                }
                default -> {
                    now += random.nextInt(300);
                    boolean due = !expected.isEmpty() && expected.first().deadline() <= now;
                    assertEquals(due, index.anyDue(Instant.ofEpochMilli(now)), "anyDue at " + now + ", op " + op);
                }
            }
        }
    }

    @Test
    void recordsMovingStreamTimeReadTheStoreOnlyOncePerLookAheadOrDeadline() {
        DeadlineIndex index = new DeadlineIndex(countingStore());
        long t0 = 1_000_000;
        index.schedule(Instant.ofEpochMilli(t0 + 600_000), "far");
        for (int i = 0; i < 2_000; i++) { // one record every 15 ms, 30 s of stream time
            assertFalse(index.anyDue(Instant.ofEpochMilli(t0 + 15L * i)));
        }
        assertTrue(ranges.get() <= 30_000 / DeadlineIndex.LOOKAHEAD_MS + 1, ranges.get() + " reads");

        ranges.set(0);
        index.schedule(Instant.ofEpochMilli(t0 + 30_500), "near");
        assertFalse(index.anyDue(Instant.ofEpochMilli(t0 + 30_000)));
        assertFalse(index.anyDue(Instant.ofEpochMilli(t0 + 30_200)), "the earliest deadline is known: no read");
        assertEquals(1, ranges.get());
        assertTrue(index.anyDue(Instant.ofEpochMilli(t0 + 30_500)));
        assertEquals(List.of(new DeadlineIndex.Due(Instant.ofEpochMilli(t0 + 30_500), "near")),
                index.popDue(Instant.ofEpochMilli(t0 + 30_500), 10));
    }
}
