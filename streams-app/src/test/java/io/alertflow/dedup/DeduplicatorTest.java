package io.alertflow.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.alertflow.avro.AlertChange;
import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.ChangeType;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeduplicatorTest {
    private static final Instant T0 = Instant.parse("2025-06-10T10:00:00Z");
    private static final Deduplicator RULES = new Deduplicator(Duration.ofMinutes(5), Duration.ofHours(1));

    static RawAlert alert(AlertStatus status, Instant receivedAt, Instant endsAt) {
        return RawAlert.newBuilder().setFingerprint("fp").setSource("prometheus").setStatus(status).setSeverity(Severity.ERROR)
                .setLabels(Map.of("alertname", "A")).setAnnotations(Map.of()).setStartsAt(T0).setEndsAt(endsAt)
                .setReceivedAt(receivedAt).build();
    }

    static AlertChange entry(ChangeType change, Instant lastSeen, Instant at, int occurrence, long duplicates) {
        return AlertChange.newBuilder().setFingerprint("fp").setChange(change)
                .setAlert(alert(AlertStatus.FIRING, lastSeen, null)).setOccurrence(occurrence).setFlap(false)
                .setDuplicates(duplicates).setEffectiveStartsAt(T0).setDetectedAt(T0).setAt(at).setReleasedFrom(null).build();
    }

    static Stream<Arguments> notifications() {
        Instant t1 = T0.plusSeconds(60);
        return Stream.of(
                Arguments.of("first firing is a new occurrence", null, alert(AlertStatus.FIRING, T0, null), ChangeType.FIRED, 1, false, 0L),
                Arguments.of("firing while active is a duplicate", entry(ChangeType.FIRED, T0, T0, 1, 3), alert(AlertStatus.FIRING, t1, null), null, 1, false, 4L),
                Arguments.of("resolved while active is forwarded once", entry(ChangeType.FIRED, T0, T0, 1, 3), alert(AlertStatus.RESOLVED, t1, t1), ChangeType.RESOLVED, 1, false, 3L),
                Arguments.of("resolved when already resolved is a duplicate", entry(ChangeType.RESOLVED, T0, T0, 1, 3), alert(AlertStatus.RESOLVED, t1, t1), null, 1, false, 4L),
                Arguments.of("resolved for an unknown alert is a duplicate and not stored", null, alert(AlertStatus.RESOLVED, t1, t1), null, 0, false, 0L),
                Arguments.of("firing after resolved is a flap", entry(ChangeType.RESOLVED, T0, T0, 1, 3), alert(AlertStatus.FIRING, t1, null), ChangeType.FIRED, 2, true, 0L),
                Arguments.of("firing after stale is a flap", entry(ChangeType.STALE, T0, T0, 2, 3), alert(AlertStatus.FIRING, t1, null), ChangeType.FIRED, 3, true, 0L),
                Arguments.of("a re-send overtaken by its resolve is a duplicate", entry(ChangeType.RESOLVED, T0, t1, 1, 3), alert(AlertStatus.FIRING, T0.plusSeconds(30), null), null, 1, false, 4L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notifications")
    void appliesTheRulesOfSpec32(String name, AlertChange entry, RawAlert alert, ChangeType forwarded, int occurrence,
                                 boolean flap, long duplicates) {
        Deduplicator.Decision d = RULES.onAlert(entry, alert, alert.getReceivedAt());
        assertEquals(forwarded, d.forward() == null ? null : d.forward().getChange());
        if (d.entry() == null) {
            assertEquals(0, occurrence, "nothing stored");
            return;
        }
        assertEquals(occurrence, d.entry().getOccurrence());
        assertEquals(flap, d.entry().getFlap());
        assertEquals(duplicates, d.entry().getDuplicates());
    }

    @Test
    void aReSendCountsAndKeepsTheLatestNotificationWithoutChangingTheStoredEntry() {
        AlertChange entry = entry(ChangeType.FIRED, T0, T0, 2, 3);
        AlertChange before = AlertChange.newBuilder(entry).build();
        RawAlert resend = alert(AlertStatus.FIRING, T0.plusSeconds(30), null);

        AlertChange refreshed = RULES.onAlert(entry, resend, resend.getReceivedAt()).entry();

        assertEquals(AlertChange.newBuilder(before).setAlert(resend).setDuplicates(4L).build(), refreshed,
                "only the latest notification and the duplicate count change");
        assertEquals(before, entry, "the entry passed in is left as it was");
    }

    @Test
    void aReSendOvertakenByItsResolveKeepsTheResolvingNotification() {
        AlertChange resolved = AlertChange.newBuilder(entry(ChangeType.RESOLVED, T0, T0.plusSeconds(60), 1, 3))
                .setAlert(alert(AlertStatus.RESOLVED, T0.plusSeconds(60), T0.plusSeconds(60))).build();
        RawAlert late = alert(AlertStatus.FIRING, T0.plusSeconds(30), null);

        AlertChange absorbed = RULES.onAlert(resolved, late, T0.plusSeconds(61)).entry();

        assertEquals(AlertChange.newBuilder(resolved).setDuplicates(4L).build(), absorbed);
    }

    static Stream<Arguments> timers() {
        return Stream.of(
                Arguments.of("active and refreshed: not due, rescheduled", entry(ChangeType.FIRED, T0.plusSeconds(200), T0, 1, 0), T0.plusSeconds(300), null, T0.plusSeconds(500)),
                Arguments.of("active and not refreshed for stale-after: STALE at the deadline", entry(ChangeType.FIRED, T0, T0, 1, 0), T0.plusSeconds(305), ChangeType.STALE, T0.plusSeconds(300)),
                Arguments.of("resolved within retention: kept", entry(ChangeType.RESOLVED, T0, T0, 1, 0), T0.plusSeconds(1800), null, T0.plusSeconds(3600)),
                Arguments.of("resolved past retention: forgotten", entry(ChangeType.RESOLVED, T0, T0, 1, 0), T0.plusSeconds(3601), null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timers")
    void timersResolveStaleAlertsAndForgetOldOnes(String name, AlertChange entry, Instant now, ChangeType forwarded, Instant next) {
        Deduplicator.Decision d = RULES.onTimer(entry, now);
        assertEquals(forwarded, d.forward() == null ? null : d.forward().getChange());
        if (forwarded == ChangeType.STALE) {
            assertEquals(next, d.forward().getAt());
        } else {
            assertEquals(next, d.schedule());
        }
    }
}
