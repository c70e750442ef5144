package io.alertflow.streams.clock;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A persistent timer queue: keys are (deadline as 8 big-endian bytes, id), so RocksDB keeps them in deadline
 * order and a punctuator finds what is due with one range scan from 0 to now instead of scanning a whole
 * state store.
 *
 * <p>Entries are hints, not truth: a stage may leave an entry behind when a deadline moves later (cheaper
 * than a delete per record) and, when it pops, re-checks the real state and reschedules. Callers keep the
 * invariant that every tracked id has at least one entry at or before its real deadline.
 */
public final class DeadlineIndex {
    private static final byte[] EMPTY = new byte[0];
    /** How far past the asked time {@link #anyDue} looks for the earliest deadline. */
    static final long LOOKAHEAD_MS = 1_000;

    private final KeyValueStore<Bytes, byte[]> store;
    /**
     * A lower bound of the earliest entry's deadline, so that {@link #anyDue} need not look again for a time it
     * has already found nothing due at. Long.MIN_VALUE means unknown. Entries only get later by popping, so only
     * scheduling lowers it.
     */
    private long earliestAtLeast = Long.MIN_VALUE;

    public DeadlineIndex(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    /** One due entry. */
    public record Due(Instant deadline, String id) {
    }

    /** Adds an entry; adding the same (deadline, id) twice keeps one. */
    public void schedule(Instant deadline, String id) {
        store.put(key(deadline.toEpochMilli(), id), EMPTY);
        earliestAtLeast = Math.min(earliestAtLeast, deadline.toEpochMilli());
    }

    /** Whether an entry is due at or before {@code now}; reads the store only when one may be. */
    public boolean anyDue(Instant now) {
        long at = now.toEpochMilli();
        if (at < earliestAtLeast) {
            return false;
        }
        // Reads a little beyond now: the earliest deadline found there, or the end of the look-ahead, lets the
        // records of the next moments skip the store (in stream time every record is later than the last, so a
        // bound of "nothing at or before now" alone would send each of them to the store). The range is kept short
        // because an in-memory store copies the keys of whatever range it is asked for.
        long horizon = at + LOOKAHEAD_MS;
        try (KeyValueIterator<Bytes, byte[]> it = store.range(key(0, ""), key(horizon + 1, ""))) {
            if (it.hasNext()) {
                long earliest = deadlineOf(it.next().key.get());
                earliestAtLeast = earliest;
                return earliest <= at;
            }
        }
        earliestAtLeast = horizon + 1;
        return false;
    }

    /** Removes and returns up to {@code max} entries due at or before {@code now}, earliest first. */
    public List<Due> popDue(Instant now, int max) {
        List<Due> due = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.range(key(0, ""), key(now.toEpochMilli() + 1, ""))) {
            while (it.hasNext() && due.size() < max) {
                KeyValue<Bytes, byte[]> entry = it.next();
                due.add(decode(entry.key.get()));
            }
        }
        due.forEach(d -> store.delete(key(d.deadline().toEpochMilli(), d.id())));
        return due;
    }

    /** Number of entries; for tests and metrics (a full scan). */
    public long size() {
        long n = 0;
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            for (; it.hasNext(); it.next()) {
                n++;
            }
        }
        return n;
    }

    static Bytes key(long deadline, String id) {
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        // Deadlines are epoch millis, never negative: unsigned byte order equals numeric order.
        return Bytes.wrap(ByteBuffer.allocate(8 + idBytes.length).putLong(Math.max(0, deadline)).put(idBytes).array());
    }

    static Due decode(byte[] key) {
        return new Due(Instant.ofEpochMilli(deadlineOf(key)), new String(key, 8, key.length - 8, StandardCharsets.UTF_8));
    }

    /** The deadline of a key, without decoding its id. */
    private static long deadlineOf(byte[] key) {
        return ByteBuffer.wrap(key).getLong();
    }
}
