package io.alertflow.streams.topics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Severity;
import io.alertflow.serde.ConfluentAvroSerde;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class HandoffTest {
    private static final String TOPIC = "alerts.raw";
    private final Serde<RawAlert> avro = new ConfluentAvroSerde<>(RawAlert.class,
            Map.of("schema.registry.url", "mock://handoff-" + UUID.randomUUID()), false);
    private final Handoff handoff = new Handoff();

    private static RawAlert alert(String instance) {
        Map<String, String> labels = new HashMap<>(Map.of("alertname", "HighLatency", "service", "api", "instance", instance));
        return RawAlert.newBuilder().setFingerprint(null).setSource("prometheus").setStatus(AlertStatus.FIRING)
                .setSeverity(Severity.CRITICAL).setLabels(labels).setAnnotations(Map.of()).setStartsAt(Instant.EPOCH)
                .setEndsAt(null).setReceivedAt(Instant.EPOCH).setGeneratorUrl(null).setValue(null).build();
    }

    @Test
    void aHandedOverValueComesBackAsTheSameObjectAndItsHandleIsNeverWireFormat() {
        Serde<RawAlert> serde = handoff.handingOver(avro, Handoff.Lifetime.READER);
        RawAlert a = alert("i-1");
        byte[] handle = serde.serializer().serialize(TOPIC, a);
        assertTrue(Handoff.isHandle(handle));
        assertNotEquals(0, handle[0], "the Confluent wire format starts with 0");
        assertSame(a, serde.deserializer().deserialize(TOPIC, handle));
        assertEquals(1, handoff.held());
        assertNull(serde.serializer().serialize(TOPIC, null), "a tombstone stays a tombstone");
    }

    @Test
    void realBytesAreDecodedAsTheAvroSerdeDecodesThem() {
        RawAlert a = alert("i-2");
        byte[] wire = avro.serializer().serialize(TOPIC, a);
        assertFalse(Handoff.isHandle(wire));
        assertEquals(a, handoff.handingOver(avro, Handoff.Lifetime.INPUT).deserializer().deserialize(TOPIC, wire));
        assertEquals(a, handoff.resolving(avro).deserializer().deserialize(TOPIC, wire));
    }

    @Test
    void aResolvingSerdeWritesRealAvroForStoresButReadsHandles() {
        Serde<RawAlert> resolving = handoff.resolving(avro);
        RawAlert a = alert("i-3");
        assertArrayEquals(avro.serializer().serialize(TOPIC, a), resolving.serializer().serialize(TOPIC, a));
        assertEquals(0, handoff.held());
        byte[] handle = handoff.handingOver(avro, Handoff.Lifetime.INPUT).serializer().serialize(TOPIC, a);
        assertSame(a, resolving.deserializer().deserialize(TOPIC, handle));
    }

    @Test
    void inputValuesGoAtTheEndOfTheirInputAndReaderValuesWhenReleased() {
        byte[] input = handoff.handingOver(avro, Handoff.Lifetime.INPUT).serializer().serialize(TOPIC, alert("i-4"));
        byte[] output = handoff.handingOver(avro, Handoff.Lifetime.READER).serializer().serialize(TOPIC, alert("i-5"));
        Serde<RawAlert> reader = handoff.resolving(avro);
        handoff.endOfInput();
        assertEquals(1, handoff.held());
        IllegalStateException late = assertThrows(IllegalStateException.class,
                () -> reader.deserializer().deserialize(TOPIC, input));
        assertTrue(late.getMessage().contains("alerts.raw"), late.getMessage());
        assertEquals("i-5", reader.deserializer().deserialize(TOPIC, output).getLabels().get("instance"));
        handoff.release(output);
        handoff.release(new byte[] {0, 1, 2}); // not a handle: nothing to let go of
        assertEquals(0, handoff.held());
    }

    @Test
    void eachInputResolvesItsOwnValuesOnlyWhileItLasts() {
        Serde<RawAlert> input = handoff.handingOver(avro, Handoff.Lifetime.INPUT);
        byte[] first = input.serializer().serialize(TOPIC, alert("i-8"));
        handoff.endOfInput();
        byte[] second = input.serializer().serialize(TOPIC, alert("i-9"));
        byte[] third = input.serializer().serialize(TOPIC, alert("i-10"));
        assertEquals("i-9", input.deserializer().deserialize(TOPIC, second).getLabels().get("instance"));
        assertEquals("i-10", input.deserializer().deserialize(TOPIC, third).getLabels().get("instance"));
        assertThrows(IllegalStateException.class, () -> input.deserializer().deserialize(TOPIC, first));
        assertEquals(2, handoff.held());
        handoff.endOfInput();
        assertEquals(0, handoff.held());
        assertThrows(IllegalStateException.class, () -> input.deserializer().deserialize(TOPIC, third));
    }

    @Test
    void aValueChangedAfterItWasHandedOverFailsWhenReadUnderAssertions() {
        Serde<RawAlert> serde = handoff.handingOver(avro, Handoff.Lifetime.INPUT);
        RawAlert a = alert("i-6");
        byte[] handle = serde.serializer().serialize(TOPIC, a);
        a.getLabels().put("instance", "i-7");
        AssertionError changed = assertThrows(AssertionError.class, () -> serde.deserializer().deserialize(TOPIC, handle));
        assertTrue(changed.getMessage().contains("alerts.raw"), changed.getMessage());
    }
}
