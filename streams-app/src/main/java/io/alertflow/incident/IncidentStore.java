package io.alertflow.incident;

import io.alertflow.avro.IncidentRecord;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where the engine keeps incidents: by id, plus for each correlation key the ids of its incidents
 * that are open or still inside their reopen window. Backed by Kafka Streams stores in the app and
 * by maps in tests.
 */
public interface IncidentStore {
    IncidentRecord get(String id);

    void put(String id, IncidentRecord incident);

    void delete(String id);

    /** Ids of the key's incidents, oldest first. */
    List<String> idsForKey(String correlationKey);

    void setIdsForKey(String correlationKey, List<String> ids);

    /** Visits every stored incident (for timers). */
    void forEach(Consumer<IncidentRecord> visitor);
}
