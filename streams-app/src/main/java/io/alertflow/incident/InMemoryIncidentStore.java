package io.alertflow.incident;

import io.alertflow.avro.ChangeEvent;
import io.alertflow.avro.IncidentRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.NavigableSet;
import java.util.TreeSet;

/** Map-backed store and change log: the engine without Kafka, for its tests and the hot-path benchmarks. */
public final class InMemoryIncidentStore implements IncidentStore, ChangeLog {
    final Map<String, IncidentRecord> incidents = new TreeMap<>();
    final Map<String, List<String>> keys = new TreeMap<>();
    final List<ChangeEvent> changes = new ArrayList<>();
    /** Timer entries ordered by deadline, then id, like the Kafka store's deadline index. */
    final NavigableSet<Map.Entry<Instant, String>> timers = new TreeSet<>(
            Map.Entry.<Instant, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()));

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
    public void scheduleTimer(Instant at, String id) {
        timers.add(Map.entry(at, id));
    }

    @Override
    public List<String> popDueTimers(Instant now, int max) {
        List<String> due = new ArrayList<>();
        while (!timers.isEmpty() && due.size() < max && !timers.first().getKey().isAfter(now)) {
            due.add(timers.pollFirst().getValue());
        }
        return due;
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
