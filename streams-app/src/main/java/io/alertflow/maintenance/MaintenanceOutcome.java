package io.alertflow.maintenance;

import io.alertflow.avro.AlertChange;
import io.alertflow.avro.SuppressedAlert;

/** What maintenance suppression made of one state change: passed on (or released), or held by a window. */
public sealed interface MaintenanceOutcome {

    /** A change that continues to correlation: not covered, or RELEASED at the end of its window. */
    record Passed(AlertChange change) implements MaintenanceOutcome {
    }

    /** A new occurrence held by a maintenance window. */
    record Suppressed(SuppressedAlert suppressed) implements MaintenanceOutcome {
    }
}
