package io.alertflow.dedup;

import io.alertflow.avro.AlertChange;
import io.alertflow.avro.RawAlert;

/** What deduplication made of one notification: a state change, or a duplicate absorbed (for counters). */
public sealed interface DedupOutcome {

    /** A new occurrence, a resolution or a stale resolution. */
    record Changed(AlertChange change) implements DedupOutcome {
    }

    /** A re-send that changed nothing; {@code duplicates} is the count in this occurrence so far. */
    record Duplicate(RawAlert alert, long duplicates) implements DedupOutcome {
    }
}
