package io.alertflow.dedup;

import io.alertflow.avro.AlertChange;
import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.ChangeType;
import io.alertflow.avro.RawAlert;
import java.time.Duration;
import java.time.Instant;

/**
 * The deduplication rules of SPEC §3.2 on one fingerprint's entry, free of Kafka. The entry is the last
 * {@link AlertChange} of the alert with {@code alert} = the latest notification (its receivedAt is the
 * last time it was seen) and {@code duplicates} = re-sends absorbed in this occurrence: FIRED means
 * active, RESOLVED or STALE means resolved and kept for {@code retention} so a re-fire is recognised as a
 * flap.
 */
public final class Deduplicator {
    // Milliseconds: Avro keeps every timestamp to the millisecond, and the deadline is computed up to three times
    // per re-send (most of the traffic), so it stays in longs instead of allocating Instants.
    private final long staleAfterMs;
    private final long retentionMs;

    public Deduplicator(Duration staleAfter, Duration retention) {
        this.staleAfterMs = staleAfter.toMillis();
        this.retentionMs = retention.toMillis();
    }

    /**
     * What to do with one entry.
     *
     * @param entry the new entry to store, null to delete it
     * @param forward the change to forward, null when nothing changed (a duplicate)
     * @param schedule when the entry must be looked at again, null when the existing timer still covers it
     */
    public record Decision(AlertChange entry, AlertChange forward, Instant schedule) {
        public boolean duplicate() {
            return forward == null;
        }
    }

    /** Applies one notification received at {@code at} to the entry (null when the fingerprint is unknown). */
    public Decision onAlert(AlertChange entry, RawAlert alert, Instant at) {
        boolean active = entry != null && entry.getChange() == ChangeType.FIRED;
        if (alert.getStatus() == AlertStatus.FIRING) {
            if (active) {
                return refresh(entry, alert);
            }
            if (entry != null && alert.getReceivedAt().isBefore(entry.getAt())) {
                // A re-send that was overtaken by the resolve (out of order): not a new occurrence.
                return absorb(entry);
            }
            return fire(entry, alert, at);
        }
        if (active) {
            return resolve(entry, alert, at);
        }
        // RESOLVED for an unknown or already resolved alert; unknown ones are not stored (the store stays bounded).
        return entry == null ? new Decision(null, null, null) : absorb(entry);
    }

    /** Applies a timer that fired at {@code now}: resolves a stale active alert, forgets an old resolved one. */
    public Decision onTimer(AlertChange entry, Instant now) {
        Instant deadline = deadline(entry);
        if (deadline.isAfter(now)) {
            return new Decision(entry, null, deadline);
        }
        if (entry.getChange() != ChangeType.FIRED) {
            return new Decision(null, null, null);
        }
        AlertChange stale = AlertChange.newBuilder(entry).setChange(ChangeType.STALE).setFlap(false).setAt(deadline).build();
        return new Decision(stale, stale, deadline(stale));
    }

    /** When the entry next needs attention: stale/expiry for an active alert, forgetting for a resolved one. */
    public Instant deadline(AlertChange entry) {
        return Instant.ofEpochMilli(deadlineMillis(entry));
    }

    /** {@link #deadline} in epoch milliseconds. */
    public long deadlineMillis(AlertChange entry) {
        if (entry.getChange() != ChangeType.FIRED) {
            return entry.getAt().toEpochMilli() + retentionMs;
        }
        RawAlert alert = entry.getAlert();
        long stale = alert.getReceivedAt().toEpochMilli() + staleAfterMs;
        Instant endsAt = alert.getEndsAt();
        return endsAt == null ? stale : Math.min(endsAt.toEpochMilli(), stale);
    }

    private Decision fire(AlertChange previous, RawAlert alert, Instant at) {
        AlertChange fired = AlertChange.newBuilder()
                .setFingerprint(alert.getFingerprint())
                .setChange(ChangeType.FIRED)
                .setAlert(alert)
                .setOccurrence(previous == null ? 1 : previous.getOccurrence() + 1)
                .setFlap(previous != null)
                .setDuplicates(0)
                .setEffectiveStartsAt(alert.getStartsAt())
                .setDetectedAt(alert.getReceivedAt())
                .setAt(at)
                .setReleasedFrom(null)
                .build();
        return new Decision(fired, fired, deadline(fired));
    }

    private Decision refresh(AlertChange entry, RawAlert alert) {
        long before = deadlineMillis(entry);
        AlertChange refreshed = counted(entry, alert);
        long after = deadlineMillis(refreshed);
        // The usual re-send moves the deadline later: the old timer entry stays and reschedules when it pops.
        return new Decision(refreshed, null, after < before ? Instant.ofEpochMilli(after) : null);
    }

    private Decision absorb(AlertChange entry) {
        return new Decision(counted(entry, entry.getAlert()), null, null);
    }

    /**
     * The entry with one more duplicate and {@code alert} as its latest notification. Re-sends are most of the
     * traffic, so this shares the entry's fields instead of deep-copying them as {@code newBuilder(entry)} would
     * (the old alert alone is a record with two maps); neither the entry nor the copy is changed afterwards.
     */
    private static AlertChange counted(AlertChange entry, RawAlert alert) {
        return new AlertChange(entry.getFingerprint(), entry.getChange(), alert, entry.getOccurrence(), entry.getFlap(),
                entry.getDuplicates() + 1, entry.getEffectiveStartsAt(), entry.getDetectedAt(), entry.getAt(),
                entry.getReleasedFrom());
    }

    private Decision resolve(AlertChange entry, RawAlert alert, Instant at) {
        Instant endsAt = alert.getEndsAt();
        Instant resolvedAt = endsAt != null && !endsAt.isAfter(at) && endsAt.isAfter(entry.getEffectiveStartsAt()) ? endsAt : at;
        AlertChange resolved = AlertChange.newBuilder(entry).setChange(ChangeType.RESOLVED).setAlert(alert).setFlap(false)
                .setAt(resolvedAt).build();
        return new Decision(resolved, resolved, deadline(resolved));
    }
}
