package io.alertflow.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertflow.avro.AlertChange;
import io.alertflow.avro.DecisionLog;
import io.alertflow.avro.Incident;
import io.alertflow.avro.IncidentRecord;
import io.alertflow.correlation.IncidentIndex;
import io.alertflow.dedup.Dedup;
import io.alertflow.explain.DecisionStage;
import io.alertflow.incident.IncidentProcessor;
import io.alertflow.json.RecordJson;
import io.alertflow.maintenance.Maintenance;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Finds state wherever it lives: the global incident index names an incident's correlation key, Kafka Streams
 * metadata names the instance that owns a key's partition, and a store value on another instance is fetched
 * from its {@code /internal/stores} endpoint. Lists fan out to every instance and merge.
 */
public final class StateLookup {
    /** Stores other instances may read through {@code /internal/stores}, with their value types. */
    public static final Map<String, Class<? extends SpecificRecord>> SHARED_STORES = Map.of(
            IncidentProcessor.INCIDENT_STORE, IncidentRecord.class,
            DecisionStage.STORE, DecisionLog.class,
            Dedup.STORE, AlertChange.class,
            Maintenance.SUPPRESSED_STORE, AlertChange.class);

    /** Newest first, then by id: a stable order for paging. */
    public static final Comparator<Incident> ORDER = Comparator.comparing(Incident::getDetectedAt).reversed()
            .thenComparing(Incident::getId);

    private final LocalState local;
    private final Placement placement;
    private final RemoteInstances remote;

    public StateLookup(LocalState local, Placement placement, RemoteInstances remote) {
        this.local = local;
        this.placement = placement;
        this.remote = remote;
    }

    /** A page of matching incidents from every instance, and how many match in all. */
    public record Page(List<Incident> incidents, long total) {
    }

    /** The incident with this id, or null. */
    public IncidentRecord incident(String id) {
        String key = local.get(IncidentIndex.STORE, "id:" + id);
        if (key != null) {
            return find(IncidentProcessor.INCIDENT_STORE, key, id, IncidentRecord.class);
        }
        // The index is a global store fed through a topic, one commit behind the incident store: a just-opened
        // incident may not be in it yet. Ask every instance's incident store (keyed by id) directly.
        IncidentRecord mine = local.get(IncidentProcessor.INCIDENT_STORE, id);
        if (mine != null) {
            return mine;
        }
        for (HostInfo other : placement.otherInstances()) {
            IncidentRecord theirs = remote.get(other, "/internal/stores/" + IncidentProcessor.INCIDENT_STORE + "/" + encode(id))
                    .map(json -> RecordJson.read(json, IncidentRecord.class)).orElse(null);
            if (theirs != null) {
                return theirs;
            }
        }
        return null;
    }

    /** The incident that holds an alert now (global index), or null. */
    public String incidentOf(String fingerprint) {
        return local.get(IncidentIndex.STORE, "fp:" + fingerprint);
    }

    public DecisionLog decisions(String fingerprint) {
        return find(DecisionStage.STORE, fingerprint, fingerprint, DecisionLog.class);
    }

    public AlertChange dedup(String fingerprint) {
        return find(Dedup.STORE, fingerprint, fingerprint, AlertChange.class);
    }

    public AlertChange held(String fingerprint) {
        return find(Maintenance.SUPPRESSED_STORE, fingerprint, fingerprint, AlertChange.class);
    }

    /** A value of a shared store, from this instance when it owns {@code partitionKey}, else from the owner. */
    private <V extends SpecificRecord> V find(String store, String partitionKey, String key, Class<V> type) {
        Optional<HostInfo> owner = placement.remoteOwner(store, partitionKey);
        if (owner.isEmpty()) {
            return local.get(store, key);
        }
        return remote.get(owner.get(), "/internal/stores/" + store + "/" + encode(key))
                .map(json -> RecordJson.read(json, type)).orElse(null);
    }

    /** Matching incidents of this instance only, in {@link #ORDER}, at most {@code max}; and how many matched. */
    public Page localIncidents(IncidentFilter filter, int max) {
        List<Incident> found = new ArrayList<>();
        local.forEachIncident(r -> {
            if (filter.matches(r.getIncident())) {
                found.add(r.getIncident());
            }
        });
        found.sort(ORDER);
        return new Page(found.size() > max ? List.copyOf(found.subList(0, max)) : found, found.size());
    }

    /** Matching incidents of all instances: each returns its first offset+limit, merged and sliced here. */
    public Page incidents(IncidentFilter filter, int offset, int limit) {
        int need = offset + limit;
        Page mine = localIncidents(filter, need);
        List<Incident> all = new ArrayList<>(mine.incidents());
        long total = mine.total();
        for (HostInfo other : placement.otherInstances()) {
            String query = filter.toQuery();
            JsonNode page = remote.get(other, "/internal/incidents?limit=" + need + (query.isEmpty() ? "" : "&" + query))
                    .orElseThrow(() -> new Unavailable("instance " + other + " has no incident list endpoint"));
            page.get("incidents").forEach(n -> all.add(RecordJson.read(n, Incident.class)));
            total += page.get("total").asLong();
        }
        all.sort(ORDER);
        List<Incident> slice = offset >= all.size() ? List.of() : all.subList(offset, Math.min(all.size(), need));
        return new Page(List.copyOf(slice), total);
    }

    /** Reads a store of this instance for another instance; only {@link #SHARED_STORES}. */
    public SpecificRecord localValue(String store, String key) {
        if (!SHARED_STORES.containsKey(store)) {
            throw new NotFound("no store named " + store + " is shared between instances");
        }
        return local.get(store, key);
    }

    /** Names accepted as fingerprints and incident ids in paths. */
    public static boolean validKey(String key) {
        return key != null && !key.isEmpty() && key.length() <= 256 && key.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '/');
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

}
