package io.alertflow.explain;

import io.alertflow.avro.AlertChange;
import io.alertflow.avro.ChangeType;
import io.alertflow.avro.Decision;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.SuppressedAlert;
import java.time.Instant;

/**
 * The decisions stages record about an alert, built by intent ({@link #fired}, {@link #suppressed}, ...), so
 * every stage words the same fact the same way. Only state changes become decisions: a re-send never does
 * (its count is read live from the dedup store), which keeps the decisions topic a small fraction of the input.
 */
public final class Decisions {
    public static final String DEAD_LETTERED = "DEAD_LETTERED";
    public static final String FIRED = "FIRED";
    public static final String RESOLVED = "RESOLVED";
    public static final String STALE = "STALE";
    public static final String SUPPRESSED = "SUPPRESSED";
    public static final String RELEASED = "RELEASED";
    public static final String OPENED_INCIDENT = "OPENED_INCIDENT";
    public static final String JOINED_INCIDENT = "JOINED_INCIDENT";
    public static final String REPEATED_DELIVERY = "REPEATED_DELIVERY";
    public static final String REOPENED_INCIDENT = "REOPENED_INCIDENT";
    public static final String PAGED = "PAGED";
    public static final String NOT_PAGED = "NOT_PAGED";

    private Decisions() {
    }

    /** A decision without incident or window. */
    public static Decision of(String fingerprint, Instant at, String stage, String kind, String detail) {
        return Decision.newBuilder().setFingerprint(fingerprint).setAt(at).setStage(stage).setKind(kind)
                .setDetail(detail).build();
    }

    /** A decision about an alert and the incident it went to. */
    public static Decision aboutIncident(String fingerprint, Instant at, String kind, String incidentId, String detail) {
        Decision d = of(fingerprint, at, "incident", kind, detail);
        d.setIncidentId(incidentId);
        return d;
    }

    /** What deduplication decided: a new occurrence (validated, first or re-fired), a resolution, or stale. */
    public static Decision ofDedupChange(AlertChange change) {
        String fp = change.getFingerprint();
        Instant at = change.getAt();
        if (change.getChange() == ChangeType.FIRED) {
            String how = change.getFlap() ? "fired again after it had resolved (flap)" : "first notification of a new occurrence";
            return of(fp, at, "dedup", FIRED, "validated; " + how + " (occurrence " + change.getOccurrence()
                    + " of " + describe(change.getAlert()) + "); later re-sends of it are duplicates");
        }
        if (change.getChange() == ChangeType.STALE) {
            return of(fp, at, "dedup", STALE, "resolved by Alertflow: not refreshed within alert.stale-after or past its endsAt ("
                    + change.getDuplicates() + " re-sends absorbed)");
        }
        return of(fp, at, "dedup", RESOLVED, "resolved by its source (" + change.getDuplicates() + " re-sends absorbed)");
    }

    /** Held by a maintenance window instead of reaching correlation. */
    public static Decision ofSuppressed(String fingerprint, SuppressedAlert s) {
        Decision d = of(fingerprint, s.getSuppressedAt(), "maintenance", SUPPRESSED, "suppressed by maintenance window '"
                + s.getWindowName() + "' (" + s.getWindowId() + ") until " + s.getWindowEndsAt()
                + "; released into correlation then if still firing");
        d.setWindowId(s.getWindowId());
        d.setWindowName(s.getWindowName());
        d.setUntil(s.getWindowEndsAt() == null ? null : s.getWindowEndsAt().toEpochMilli());
        return d;
    }

    /** Released into correlation because the window that held it ended (or was deleted or changed). */
    public static Decision ofReleased(AlertChange change) {
        Decision d = of(change.getFingerprint(), change.getAt(), "maintenance", RELEASED,
                "released into correlation: maintenance window " + change.getReleasedFrom()
                        + " ended (or was deleted or changed) while the alert was still firing");
        d.setWindowId(change.getReleasedFrom());
        return d;
    }

    /** Sent to the dead-letter topic, with the error the dead letter carries. */
    public static Decision ofDeadLetter(String fingerprint, Instant at, String stage, String error) {
        return of(fingerprint, at, stage, DEAD_LETTERED, "sent to the dead-letter topic: " + error);
    }

    static String describe(RawAlert alert) {
        String service = alert.getLabels().get("service");
        return alert.getLabels().getOrDefault("alertname", "?") + (service == null ? "" : " on " + service);
    }
}
