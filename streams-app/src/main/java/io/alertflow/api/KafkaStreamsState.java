package io.alertflow.api;

import io.alertflow.avro.IncidentRecord;
import io.alertflow.correlation.IncidentIndex;
import io.alertflow.incident.IncidentProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@link LocalState}, {@link Placement} and {@link Health} of a running {@link KafkaStreams}: interactive queries
 * on its active stores, and its group metadata for where other keys live ({@code application.server} of each
 * instance).
 */
public final class KafkaStreamsState implements LocalState, Placement, Health {
    private final KafkaStreams streams;
    private final HostInfo self;

    public KafkaStreamsState(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    @Override
    public <V> V get(String store, String key) {
        return this.<V>store(store).get(key);
    }

    @Override
    public void forEachIncident(Consumer<IncidentRecord> action) {
        ReadOnlyKeyValueStore<String, IncidentRecord> store = store(IncidentProcessor.INCIDENT_STORE);
        try (KeyValueIterator<String, IncidentRecord> it = store.all()) {
            it.forEachRemaining(kv -> action.accept(kv.value));
        }
    }

    @Override
    public boolean queryable() {
        try {
            for (String name : StateLookup.SHARED_STORES.keySet()) {
                store(name);
            }
            store(IncidentIndex.STORE);
            return true;
        } catch (Unavailable e) {
            return false;
        }
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw new Unavailable("store " + name + " cannot be queried now (" + streams.state() + ")");
        }
    }

    @Override
    public Optional<HostInfo> remoteOwner(String store, String key) {
        KeyQueryMetadata meta = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        if (meta == null || KeyQueryMetadata.NOT_AVAILABLE.equals(meta) || meta.activeHost() == null
                || meta.activeHost().port() < 0) {
            throw new Unavailable("the owner of " + store + " key " + key + " is not known yet (" + streams.state() + ")");
        }
        return meta.activeHost().equals(self) ? Optional.empty() : Optional.of(meta.activeHost());
    }

    @Override
    public List<HostInfo> otherInstances() {
        List<HostInfo> others = new ArrayList<>();
        for (StreamsMetadata m : streams.metadataForAllStreamsClients()) {
            if (!m.hostInfo().equals(self) && !others.contains(m.hostInfo())) {
                others.add(m.hostInfo());
            }
        }
        return others;
    }

    @Override
    public String state() {
        return streams.state().name();
    }

    @Override
    public boolean ready() {
        return streams.state() == KafkaStreams.State.RUNNING && queryable();
    }
}
