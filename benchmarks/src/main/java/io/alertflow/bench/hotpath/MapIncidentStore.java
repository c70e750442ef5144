package io.alertflow.bench.hotpath;

import io.alertflow.avro.ChangeEvent;
import io.alertflow.avro.IncidentRecord;
import io.alertflow.incident.ChangeLog;
import io.alertflow.incident.IncidentStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** HashMap-backed incident store and change log: the engine step without RocksDB, serdes or Kafka. */
final class MapIncidentStore implements IncidentStore, ChangeLog {
    private final Map<String, IncidentRecord> incidents = new HashMap<>();
    private final Map<String, List<String>> keys = new HashMap<>();

    @Override
    public IncidentRecord get(String id) {
        return incidents.get(id);
    }

    @Override
    public void put(String id, IncidentRecord incident) {
        incidents.put(id, incident);
    }

    @Override
    public void delete(String id) {
        incidents.remove(id);
    }

    @Override
    public List<String> idsForKey(String correlationKey) {
        return keys.getOrDefault(correlationKey, List.of());
    }

    @Override
    public void setIdsForKey(String correlationKey, List<String> ids) {
        keys.put(correlationKey, ids);
    }

    @Override
    public void forEach(Consumer<IncidentRecord> visitor) {
        new ArrayList<>(incidents.values()).forEach(visitor);
    }

    @Override
    public void add(ChangeEvent change) {
    }

    @Override
    public List<ChangeEvent> between(String service, Instant from, Instant to) {
        return List.of();
    }

    @Override
    public void expireBefore(Instant cutoff) {
    }
}
