package io.alertflow.streams.topics;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Record values handed over as objects instead of Avro bytes, inside one offline (what-if) run, where the
 * "topics" are the {@code TopologyTestDriver}'s in-process queues. A serializer of a handed-over topic keeps the
 * value and returns a 9-byte handle; a deserializer given a handle returns that value, and decodes anything else
 * as the Avro serde it wraps would. After the incident output and the recorded input, each an Avro encoding plus a
 * decoding per record, were the largest shares of a what-if run (docs/BENCHMARKS.md).
 *
 * <p>Handing over the object is the same as a round trip through bytes as long as nobody changes the object in
 * between; that is checked under assertions (every test run): each hand-over also keeps the value's encoding, and
 * every read fails with an {@link AssertionError} naming the topic if the object no longer encodes to it. The same
 * check means a value Avro could not encode still fails in tests, as it would live.
 *
 * <p>A handle is never valid Confluent wire format (whose first byte is 0), so a handle can never be mistaken for a
 * real record, and outside what-if (no {@code Handoff}) no handle exists. Two lifetimes bound what is held:
 * {@link Lifetime#INPUT} values go at {@link #endOfInput()}, when everything one piped record caused has been
 * processed; {@link Lifetime#READER} values (outputs the run's report reads) stay until {@link #release} or the
 * end of the run. Not thread-safe: one run, one thread.
 */
public final class Handoff {
    /** Whether assertions are on for this class (tests): then every handed-over value is checked when read. */
    private static final boolean CHECKING = Handoff.class.desiredAssertionStatus();
    /** First byte of a handle; the Confluent wire format's is always 0. */
    static final byte MAGIC = (byte) 0xAF;
    private static final int HANDLE_SIZE = 1 + Long.BYTES;

    /** How long a handed-over value is kept. */
    public enum Lifetime {
        /** Until {@link #endOfInput()}: records consumed while the input that caused them is processed. */
        INPUT,
        /** Until {@link #release} or the end of the run: outputs read after processing. */
        READER
    }

    /**
     * Set in the ids of {@link Lifetime#READER} values. {@link Lifetime#INPUT} ids count up from 0 and their values sit
     * in a list, so the hand-over of every recorded alert costs an append and an index instead of a boxed hash-map
     * entry, and {@link #endOfInput()} clears the list.
     */
    private static final long READER_ID = 1L << 62;

    private final Map<Long, Held> readerValues = new HashMap<>();
    private long nextReaderId = READER_ID;
    /** The INPUT values not yet released, by id: {@code inputValues.get(i)} has id {@code firstInputId + i}. */
    private final List<Held> inputValues = new ArrayList<>();
    private long firstInputId;

    private record Held(Object value, Serializer<Object> avro, byte[] encoded) {
    }

    /**
     * A serde whose serializer hands values over for {@code lifetime} and whose deserializer resolves handles,
     * decoding anything else with {@code avro}.
     */
    public <T> Serde<T> handingOver(Serde<T> avro, Lifetime lifetime) {
        return serde(avro, lifetime);
    }

    /** A serde that writes Avro as {@code avro} does (stores need real encodings) but also resolves handles. */
    public <T> Serde<T> resolving(Serde<T> avro) {
        return serde(avro, null);
    }

    /** Hands values over for {@code lifetime} (Avro when null); always resolves handles when reading. */
    @SuppressWarnings("unchecked")
    private <T> Serde<T> serde(Serde<T> avro, Lifetime lifetime) {
        Serializer<T> encoder = avro.serializer();
        Deserializer<T> decoder = avro.deserializer();
        Serializer<T> serializer = lifetime == null ? encoder
                : (topic, value) -> value == null ? null : put(topic, value, encoder, lifetime);
        Deserializer<T> deserializer = (topic, bytes) -> isHandle(bytes) ? (T) get(topic, bytes) : decoder.deserialize(topic, bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    /** Hands {@code value} over for {@code lifetime}; returns its handle. */
    @SuppressWarnings("unchecked")
    <T> byte[] put(String topic, T value, Serializer<T> avro, Lifetime lifetime) {
        byte[] encoded = CHECKING ? avro.serialize(topic, value).clone() : null;
        Held h = new Held(value, (Serializer<Object>) avro, encoded);
        long id;
        if (lifetime == Lifetime.INPUT) {
            id = firstInputId + inputValues.size();
            inputValues.add(h);
        } else {
            id = nextReaderId++;
            readerValues.put(id, h);
        }
        return ByteBuffer.allocate(HANDLE_SIZE).put(MAGIC).putLong(id).array();
    }

    /** The value behind {@code handle}; fails if it was released (a record read after its lifetime). */
    Object get(String topic, byte[] handle) {
        Held h = held(id(handle));
        if (h == null) {
            throw new IllegalStateException("a record of " + topic + " was read after its handed-over value was released");
        }
        if (CHECKING && !Arrays.equals(h.avro().serialize(topic, h.value()), h.encoded())) {
            throw new AssertionError("a record value handed over on " + topic + " was changed after it was written: "
                    + "a processor changed an object it had forwarded, or one it received");
        }
        return h.value();
    }

    private Held held(long id) {
        if (id >= READER_ID) {
            return readerValues.get(id);
        }
        long index = id - firstInputId;
        return index >= 0 && index < inputValues.size() ? inputValues.get((int) index) : null;
    }

    /** Whether {@code bytes} are a handle rather than a record's bytes. */
    public static boolean isHandle(byte[] bytes) {
        return bytes != null && bytes.length == HANDLE_SIZE && bytes[0] == MAGIC;
    }

    /** Lets go of the value behind {@code bytes} if they are a handle (a superseded output); else does nothing. */
    public void release(byte[] bytes) {
        if (isHandle(bytes)) {
            readerValues.remove(id(bytes));
        }
    }

    /** Lets go of every {@link Lifetime#INPUT} value: everything the last piped record caused has been processed. */
    public void endOfInput() {
        firstInputId += inputValues.size();
        inputValues.clear();
    }

    /** How many values are held (for tests: what is left after a run). */
    public int held() {
        return readerValues.size() + inputValues.size();
    }

    private static long id(byte[] handle) {
        return ByteBuffer.wrap(handle, 1, Long.BYTES).getLong();
    }
}
