package io.alertflow.whatif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Severity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
