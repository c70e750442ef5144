package io.alertflow.dedup;

import io.alertflow.streams.state.StateStores;
import io.alertflow.avro.AlertChange;
import io.alertflow.avro.RawAlert;
import io.alertflow.streams.config.AlertflowConfig;
import io.alertflow.streams.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * Stage 2 (SPEC §3.2): valid alerts keyed by fingerprint → state changes (FIRED, RESOLVED, STALE); re-sends
 * are absorbed and counted.
 */
public final class Dedup {
    /** Fingerprint → last AlertChange of the alert; bounded: resolved entries leave after {@code dedup.retention}. */
    public static final String STORE = "dedup-store";
    /** (deadline, fingerprint) timer index of {@link #STORE}. */
    public static final String DEADLINES = "dedup-deadlines";
    public static final String PROCESSOR = "dedup";
    /** The children of {@link #PROCESSOR}, one per outcome; it forwards each outcome to one of them. */
    static final String CHANGE = "dedup-change";
    static final String DUPLICATE = "dedup-duplicate-alert";

    private Dedup() {
    }

    /** The outputs of deduplication; {@code duplicates} is null when they were not asked for. */
    public record Deduplicated(KStream<String, AlertChange> changes, KStream<String, RawAlert> duplicates) {
    }

    /**
     * Adds the stage: its stores, the processor, and the split into changes and, when {@code withDuplicates}, the
     * absorbed duplicates. Only counters read the duplicates; without them, the re-sends that are most of the traffic
     * end at the processor instead of passing one more node.
     */
    public static Deduplicated deduplicate(StreamsBuilder builder, KStream<String, RawAlert> alerts, Topics topics,
                                           AlertflowConfig cfg, boolean withDuplicates) {
        StateStores stores = cfg.stateStores();
        builder.addStateStore(stores.cachedKeyValue(STORE, Serdes.String(), topics.alertChangeSerde()));
        builder.addStateStore(stores.cachedKeyValue(DEADLINES, Serdes.Bytes(), Serdes.ByteArray()));
        Deduplicator rules = new Deduplicator(cfg.staleAfter(), cfg.dedupRetention());
        KStream<String, DedupOutcome> outcomes = alerts
                .process(() -> new DedupProcessor(rules, cfg.timers(), withDuplicates), Named.as(PROCESSOR), STORE, DEADLINES);
        // The processor forwards each outcome to the one child named for it (no split and branch nodes on the way
        // of every re-send).
        KStream<String, AlertChange> changes = outcomes
                .mapValues(v -> ((DedupOutcome.Changed) v).change(), Named.as(CHANGE));
        if (!withDuplicates) {
            return new Deduplicated(changes, null);
        }
        KStream<String, RawAlert> duplicates = outcomes
                .mapValues(v -> ((DedupOutcome.Duplicate) v).alert(), Named.as(DUPLICATE));
        return new Deduplicated(changes, duplicates);
    }
}
