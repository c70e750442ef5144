package io.alertflow.whatif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordCopyTest {
    private static RawAlert alert() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", "HighLatency");
        labels.put("service", "checkout");
        return RawAlert.newBuilder().setFingerprint(null).setSource("prometheus").setStatus(AlertStatus.FIRING)
                .setSeverity(Severity.WARNING).setLabels(labels).setAnnotations(new LinkedHashMap<>(Map.of("summary", "slow")))
                .setStartsAt(Instant.parse("2026-11-21T10:00:00Z")).setEndsAt(null)
                .setReceivedAt(Instant.parse("2026-11-21T10:00:01Z")).setGeneratorUrl(null).setValue(0.93).build();
    }

    @Test
    void aCopyEqualsItsOriginalAndNoChangeToTheOriginalReachesIt() {
        RawAlert original = alert();
        RawAlert copy = RecordCopy.of(original);
        assertEquals(original, copy);
        assertNotSame(original.getLabels(), copy.getLabels());
        original.getLabels().put("instance", "i-1");
        original.getAnnotations().clear();
        original.setFingerprint("fp");
        assertEquals(alert(), copy);
    }

    @Test
    void nullStaysNull() {
        assertNull(RecordCopy.of(null));
    }

    @Test
    void aFrozenAlertEqualsItsOriginalAndNobodyCanChangeItsMaps() {
        RawAlert original = alert();
        RawAlert frozen = RecordCopy.freeze(original, new RecordCopy.Shared());
        assertEquals(original, frozen);
        original.getLabels().put("instance", "i-1");
        assertEquals(alert(), frozen);
        assertThrows(UnsupportedOperationException.class, () -> frozen.getLabels().put("instance", "i-1"));
        assertThrows(UnsupportedOperationException.class, () -> frozen.getAnnotations().clear());
        assertThrows(UnsupportedOperationException.class, () -> frozen.getLabels().entrySet().iterator().next().setValue("x"));
    }

    @ParameterizedTest(name = "{0} entries")
    @ValueSource(ints = {0, 1, 3, FrozenMap.SCAN_LIMIT, FrozenMap.SCAN_LIMIT + 1, 20})
    void aFrozenMapIteratesAsTheHashMapAvroWouldDecodeAndAnswersAsIt(int size) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            labels.put("label-" + (i * 7919 % size), "value-" + i);
        }
        Map<String, String> decoded = new HashMap<>(labels.size());
        decoded.putAll(labels);
        FrozenMap frozen = new FrozenMap(labels);
        assertEquals(new ArrayList<>(decoded.entrySet()), new ArrayList<>(frozen.entrySet()));
        List<String> walked = new ArrayList<>();
        frozen.forEach((k, v) -> walked.add(k + "=" + v));
        assertEquals(decoded.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList(), walked);
        assertEquals(decoded, frozen);
        assertEquals(decoded.hashCode(), frozen.hashCode());
        assertEquals(size, frozen.size());
        for (int i = 0; i < size; i++) {
            String key = new String("label-" + (i * 7919 % size)); // equal, not the same object
            assertEquals("value-" + i, frozen.get(key));
            assertTrue(frozen.containsKey(key));
        }
        assertNull(frozen.get("label-" + size));
        assertFalse(frozen.containsKey("label-" + size));
        assertNull(frozen.get(null));
    }

    @Test
    void aFrozenMapCannotBeChangedThroughItsIterator() {
        FrozenMap frozen = new FrozenMap(Map.of("alertname", "HighLatency", "service", "checkout"));
        Iterator<Map.Entry<String, String>> it = frozen.entrySet().iterator();
        it.next();
        assertThrows(UnsupportedOperationException.class, it::remove);
        assertThrows(UnsupportedOperationException.class, () -> frozen.entrySet().iterator().next().setValue("x"));
        assertThrows(UnsupportedOperationException.class, () -> frozen.remove("service"));
        assertThrows(UnsupportedOperationException.class, frozen::clear);
    }

    @Test
    void equalValuesOfARecordingAreOneObject() {
        RecordCopy.Shared shared = new RecordCopy.Shared();
        RawAlert first = alert();
        first.setFingerprint(new String("a1b2c3d4e5f60718"));
        RawAlert resend = alert();
        resend.setFingerprint(new String("a1b2c3d4e5f60718"));
        resend.setReceivedAt(Instant.parse("2026-11-21T10:00:31Z"));
        RawAlert a = RecordCopy.freeze(first, shared);
        RawAlert b = RecordCopy.freeze(resend, shared);
        assertSame(a.getLabels(), b.getLabels());
        assertSame(a.getAnnotations(), b.getAnnotations());
        assertSame(a.getFingerprint(), b.getFingerprint());
        assertSame(a.getStartsAt(), b.getStartsAt());
        assertEquals(resend, b);

        RawAlert other = alert();
        other.getLabels().put("service", "payments");
        assertNotSame(a.getLabels(), RecordCopy.freeze(other, shared).getLabels());
        assertEquals("payments", RecordCopy.freeze(other, shared).getLabels().get("service"));
    }

    @Test
    void aRunsCopySharesTheFrozenMapsButNotTheRecord() {
        RawAlert frozen = RecordCopy.freeze(alert(), new RecordCopy.Shared());
        RawAlert copy = RecordCopy.of(frozen);
        assertSame(frozen.getLabels(), copy.getLabels());
        copy.setFingerprint("fp");
        assertNull(frozen.getFingerprint());
        assertEquals(alert(), frozen);
    }
}
