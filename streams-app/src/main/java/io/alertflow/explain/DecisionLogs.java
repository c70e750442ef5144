package io.alertflow.explain;

import io.alertflow.avro.Decision;
import io.alertflow.avro.DecisionLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The bounded per-fingerprint log of decisions: at most {@code max} entries (the oldest are dropped and
 * counted), and gone {@code retention} after its newest entry.
 */
public final class DecisionLogs {
    /** Stages in pipeline order; unknown stages (-1) sort first at the same instant. */
    static final List<String> STAGES = List.of("deserialize", "validate", "dedup", "maintenance", "incident");

    private DecisionLogs() {
    }

    /** The log with {@code d} added in time order (stages decide out of order across partitions). */
    public static DecisionLog append(DecisionLog log, Decision d, int max) {
        List<Decision> decisions = log == null ? new ArrayList<>() : new ArrayList<>(log.getDecisions());
        int dropped = log == null ? 0 : log.getDroppedCount();
        decisions.add(d);
        // Same instant: pipeline order (a stage downstream may forward before its upstream's decision arrives),
        // then arrival order, as the sort is stable (e.g. JOINED before PAGED).
        decisions.sort(Comparator.comparing(Decision::getAt).thenComparingInt(x -> STAGES.indexOf(x.getStage())));
        while (decisions.size() > max) {
            decisions.remove(0);
            dropped++;
        }
        Instant last = log == null || d.getAt().isAfter(log.getLastAt()) ? d.getAt() : log.getLastAt();
        return DecisionLog.newBuilder().setFingerprint(d.getFingerprint()).setDecisions(decisions)
                .setDroppedCount(dropped).setLastAt(last).build();
    }

    /** When the log leaves the store. */
    public static Instant expiresAt(DecisionLog log, Duration retention) {
        return log.getLastAt().plus(retention);
    }

    /** Whether the log is past its retention as of {@code now}. */
    public static boolean expired(DecisionLog log, Duration retention, Instant now) {
        return !expiresAt(log, retention).isAfter(now);
    }
}
