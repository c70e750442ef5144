package io.alertflow.incident;

import io.alertflow.avro.ChangeEvent;
import io.alertflow.avro.IncidentRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import io.alertflow.streams.clock.DeadlineIndex;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The engine's {@link IncidentStore} and {@link ChangeLog} on Kafka Streams key-value stores: incidents
 * by id, the ids of each correlation key as a comma-separated list (ids never contain commas), and
 * recent changes keyed {@code service \0 zero-padded epoch millis \0 id} so one range scan finds a
 * service's changes in a time span, and the incidents' timers in a {@link DeadlineIndex}.
 */
final class KafkaIncidentStore implements IncidentStore, ChangeLog {
    private static final char SEP = '\u0000';

    private final KeyValueStore<String, IncidentRecord> incidents;
    private final KeyValueStore<String, String> keys;
    private final KeyValueStore<String, ChangeEvent> changes;
    private final DeadlineIndex timers;

    KafkaIncidentStore(KeyValueStore<String, IncidentRecord> incidents, KeyValueStore<String, String> keys,
                       KeyValueStore<String, ChangeEvent> changes, KeyValueStore<Bytes, byte[]> timers) {
        this.incidents = incidents;
        this.keys = keys;
        this.changes = changes;
        this.timers = new DeadlineIndex(timers);
    }

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
        incidents.delete(id);
    }

    @Override
    public List<String> idsForKey(String correlationKey) {
        String ids = keys.get(correlationKey);
        return ids == null || ids.isEmpty() ? List.of() : Arrays.asList(ids.split(","));
    }

    @Override
    public void setIdsForKey(String correlationKey, List<String> ids) {
        if (ids.isEmpty()) {
            keys.delete(correlationKey);
        } else {
            keys.put(correlationKey, String.join(",", ids));
        }
    }

    @Override
    public void scheduleTimer(Instant at, String id) {
        timers.schedule(at, id);
    }

    @Override
    public List<String> popDueTimers(Instant now, int max) {
        return timers.popDue(now, max).stream().map(DeadlineIndex.Due::id).toList();
    }

    @Override
    public void add(ChangeEvent change) {
        changes.put(changeKey(change.getService(), change.getAt().toEpochMilli(), change.getId()), change);
    }

    @Override
    public List<ChangeEvent> between(String service, Instant from, Instant to) {
        List<ChangeEvent> found = new ArrayList<>();
        String lo = changeKey(service, Math.max(0, from.toEpochMilli()), "");
        String hi = changeKey(service, to.toEpochMilli(), "\uffff");
        try (KeyValueIterator<String, ChangeEvent> it = changes.range(lo, hi)) {
            it.forEachRemaining(kv -> found.add(kv.value));
        }
        return found;
    }

    @Override
    public void expireBefore(Instant cutoff) {
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, ChangeEvent> it = changes.all()) {
            while (it.hasNext()) {
                KeyValue<String, ChangeEvent> kv = it.next();
                if (kv.value == null || kv.value.getAt().isBefore(cutoff)) {
                    expired.add(kv.key);
                }
            }
        }
        expired.forEach(changes::delete);
    }

    private static String changeKey(String service, long epochMillis, String id) {
        return service + SEP + zeroPadded(epochMillis) + SEP + id;
    }

    /** {@code String.format("%013d", n)}, which was 2 % of a what-if run on its own (every suspect lookup builds two keys). */
    static String zeroPadded(long n) {
        if (n < 0) {
            return String.format("%013d", n);
        }
        String digits = Long.toString(n);
        return digits.length() >= 13 ? digits : "0".repeat(13 - digits.length()) + digits;
    }
}
