package io.alertflow.incident;

import io.alertflow.avro.ChangeEvent;
import io.alertflow.avro.IncidentRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/** Map-backed store and change log for engine tests. */
final class InMemoryIncidentStore implements IncidentStore, ChangeLog {
    final Map<String, IncidentRecord> incidents = new TreeMap<>();
    final Map<String, List<String>> keys = new TreeMap<>();
    final List<ChangeEvent> changes = new ArrayList<>();

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
        if (ids.isEmpty()) {
            keys.remove(correlationKey);
        } else {
            keys.put(correlationKey, ids);
        }
    }

    @Override
    public void forEach(Consumer<IncidentRecord> visitor) {
        new ArrayList<>(incidents.values()).forEach(visitor);
    }

    @Override
    public void add(ChangeEvent change) {
        changes.add(change);
    }

    @Override
    public List<ChangeEvent> between(String service, Instant from, Instant to) {
        return changes.stream().filter(c -> c.getService().equals(service))
                .filter(c -> !c.getAt().isBefore(from) && !c.getAt().isAfter(to)).toList();
    }

    @Override
    public void expireBefore(Instant cutoff) {
        changes.removeIf(c -> c.getAt().isBefore(cutoff));
    }
}
