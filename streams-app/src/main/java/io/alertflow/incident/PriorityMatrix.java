package io.alertflow.incident;

import io.alertflow.avro.Priority;
import io.alertflow.avro.Severity;

/** Incident priority from the highest severity and the most critical tier (the matrix of SPEC §3.5). */
public final class PriorityMatrix {
    private static final Priority[][] MATRIX = {
        // tier:            1            2            3            4
        /* CRITICAL */ {Priority.P1, Priority.P2, Priority.P3, Priority.P3},
        /* ERROR    */ {Priority.P2, Priority.P3, Priority.P3, Priority.P4},
        /* WARNING  */ {Priority.P3, Priority.P4, Priority.P4, Priority.P5},
        /* INFO     */ {Priority.P5, Priority.P5, Priority.P5, Priority.P5},
    };

    private PriorityMatrix() {
    }

    /** The priority; tiers outside 1..4 are clamped, an unknown severity counts as INFO. */
    public static Priority of(Severity severity, int tier) {
        int row = severity == null || severity == Severity.UNKNOWN ? Severity.INFO.ordinal() : severity.ordinal();
        int column = Math.max(1, Math.min(4, tier)) - 1;
        return MATRIX[row][column];
    }

    /** True when {@code p} is at least as urgent as {@code threshold} (P1 is the most urgent). */
    public static boolean atLeast(Priority p, Priority threshold) {
        return p != Priority.UNKNOWN && p.ordinal() <= threshold.ordinal();
    }

    /** The more severe of two severities. */
    public static Severity max(Severity a, Severity b) {
        if (a == null || a == Severity.UNKNOWN) {
            return b;
        }
        if (b == null || b == Severity.UNKNOWN) {
            return a;
        }
        return a.ordinal() <= b.ordinal() ? a : b;
    }
}
