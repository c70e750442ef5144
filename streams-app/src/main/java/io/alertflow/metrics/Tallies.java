package io.alertflow.metrics;

import io.alertflow.avro.AlertChange;
import io.alertflow.avro.ChangeType;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.SuppressedAlert;
import io.alertflow.avro.Tally;
import io.alertflow.avro.TallyKind;
import java.util.ArrayList;
import java.util.List;

/** Turns what topology I emits (alert changes, suppressions) into tallies; stateless. */
public final class Tallies {
    private Tallies() {
    }

    /**
     * FIRED for a new occurrence (a flap when it follows a resolve); DUPLICATES, with the re-send
     * count of the occurrence, when it resolves — so duplicates are attributed to the hour in which
     * their occurrence ends, which keeps counting off the per-re-send path.
     */
    public static List<Tally> ofChange(AlertChange change) {
        List<Tally> out = new ArrayList<>(1);
        RawAlert a = change.getAlert();
        if (change.getChange() == ChangeType.FIRED) {
            Tally t = tally(TallyKind.FIRED, a, change);
            t.setFlap(change.getFlap());
            out.add(t);
        } else if ((change.getChange() == ChangeType.RESOLVED || change.getChange() == ChangeType.STALE)
                && change.getDuplicates() > 0) {
            Tally t = tally(TallyKind.DUPLICATES, a, change);
            t.setCount(change.getDuplicates());
            out.add(t);
        }
        return out;
    }

    /** SUPPRESSED for an alert held by a maintenance window. */
    public static Tally ofSuppressed(SuppressedAlert s) {
        RawAlert a = s.getAlert();
        return Tally.newBuilder().setKind(TallyKind.SUPPRESSED).setService(a.getLabels().get("service"))
                .setAlertname(a.getLabels().get("alertname")).setAt(s.getSuppressedAt()).build();
    }

    private static Tally tally(TallyKind kind, RawAlert a, AlertChange change) {
        return Tally.newBuilder().setKind(kind).setService(a.getLabels().get("service"))
                .setAlertname(a.getLabels().get("alertname")).setAt(change.getAt()).build();
    }
}
