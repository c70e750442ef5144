package io.alertflow.incident;

import io.alertflow.avro.IncidentRecord;
import java.time.Instant;
import java.util.List;

/**
 * Where the engine keeps incidents: by id, plus for each correlation key the ids of its incidents
 * that are open or still inside their reopen window, plus a timer queue (the next escalation, automatic
 * resolution or expiry of each incident) so that a timer tick reads only the incidents that are due.
 * Backed by Kafka Streams stores in the app and by maps in tests and benchmarks.
 */
public interface IncidentStore {
    IncidentRecord get(String id);

    void put(String id, IncidentRecord incident);

    void delete(String id);

    /** Ids of the key's incidents, oldest first. */
    List<String> idsForKey(String correlationKey);

    void setIdsForKey(String correlationKey, List<String> ids);

    /**
     * Asks {@link #popDueTimers} to return {@code id} once {@code at} has passed. A hint, not truth: the engine
     * re-checks the incident when it pops, so an entry left behind by a deadline that moved is harmless.
     */
    void scheduleTimer(Instant at, String id);

    /** Removes and returns the ids of up to {@code max} timers due at or before {@code now}, earliest first. */
    List<String> popDueTimers(Instant now, int max);
}
