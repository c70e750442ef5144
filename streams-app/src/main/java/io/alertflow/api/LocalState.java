package io.alertflow.api;

import io.alertflow.avro.IncidentRecord;
import java.util.function.Consumer;

/**
 * Read access to the state stores of this instance (its active partitions, plus the global stores that every
 * instance holds whole). Lookups throw {@link Unavailable} while a store cannot be queried (starting,
 * rebalancing).
 */
public interface LocalState {

    /** The value under {@code key} in the key-value store {@code store}, or null. */
    <V> V get(String store, String key);

    /** Every incident of this instance's partitions. */
    void forEachIncident(Consumer<IncidentRecord> action);

    /** Whether every store the API reads can be queried now (readiness). */
    boolean queryable();
}
