package io.alertflow.explain;

import io.alertflow.streams.state.StateStores;
import io.alertflow.avro.AlertChange;
import io.alertflow.avro.ChangeType;
import io.alertflow.avro.Decision;
import io.alertflow.avro.DeadLetter;
import io.alertflow.avro.DecisionLog;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.SuppressedAlert;
import io.alertflow.streams.clock.Timers;
import io.alertflow.streams.topics.Topics;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * "Why did this (not) page": the stages' decisions about each alert, gathered by fingerprint through one
 * named repartition topic into {@value #STORE} (fingerprint → bounded {@link DecisionLog}), which the query
 * API reads. Sources: deduplication's state changes, maintenance holds and releases, the incident stage's
 * membership and paging decisions, and the dead letters read back from {@code alerts.dlq}.
 */
public final class DecisionStage {
    /** Fingerprint → its decisions, oldest first; bounded by {@code explain.max-decisions} and {@code explain.retention}. */
    public static final String STORE = "decisions-store";
    /** (expiry, fingerprint) timer index of {@link #STORE}. */
    public static final String DEADLINES = "decisions-deadlines";
    /** Repartition topic (suffix) keyed by fingerprint. */
    public static final String REPARTITION = "decisions-by-fingerprint";
    /** Repartition topic (suffix) of the incident stage's decisions, keyed by fingerprint. */
    public static final String INCIDENT_REPARTITION = "incident-decisions-by-fingerprint";
    public static final String RECORDER = "decisions-recorder";
    public static final String DLQ_SOURCE = "decisions-dlq-source";
    public static final String DLQ_READER = "decisions-dlq-reader";

    private DecisionStage() {
    }

    /** Deduplication's FIRED/RESOLVED/STALE, maintenance's holds and its releases, as decisions keyed by fingerprint. */
    public static KStream<String, Decision> fromSpine(KStream<String, AlertChange> dedupChanges,
                                                      KStream<String, SuppressedAlert> suppressed,
                                                      KStream<String, AlertChange> passedMaintenance) {
        KStream<String, Decision> dedup = dedupChanges.mapValues(Decisions::ofDedupChange, Named.as("decisions-from-dedup"));
        KStream<String, Decision> held = suppressed.mapValues((fp, s) -> Decisions.ofSuppressed(fp, s),
                Named.as("decisions-from-suppressed"));
        KStream<String, Decision> released = passedMaintenance
                .filter((fp, c) -> c.getChange() == ChangeType.RELEASED, Named.as("decisions-released-only"))
                .mapValues(Decisions::ofReleased, Named.as("decisions-from-released"));
        return dedup.merge(held, Named.as("decisions-merge-suppressed")).merge(released, Named.as("decisions-merge-released"));
    }

    /** Every dead letter on {@code alerts.dlq}, keyed by the fingerprint of its alert when known (else null). */
    public static KStream<String, DeadLetter> deadLetters(StreamsBuilder builder, Topics topics) {
        Set<String> alertTopics = Set.of(topics.alertsRaw().name(), topics.alertsSynthetic().name());
        return builder.stream(topics.alertsDlq().name(), topics.alertsDlq().bytes().consumed(DLQ_SOURCE))
                .process(() -> new DeadLetterReader(topics.alertsDlq().valueSerde().deserializer(),
                        topics.valueSerde(RawAlert.class).deserializer(), alertTopics), Named.as(DLQ_READER));
    }

    /** The decisions of dead letters whose fingerprint is known. */
    public static KStream<String, Decision> fromDeadLetters(KStream<String, DeadLetter> letters) {
        return letters.filter((fp, l) -> fp != null, Named.as("decisions-dead-letters-with-fingerprint"))
                .mapValues((fp, l) -> Decisions.ofDeadLetter(fp, l.getAt(), l.getStage(), l.getError()),
                        Named.as("decisions-from-dead-letters"));
    }

    /**
     * Repartitions all decisions by fingerprint and records them in {@link #STORE}. The incident stage's
     * decisions come through their own repartition topic: merging them with the spine's before a
     * repartition would fuse the incident sub-topology with the one that reads alerts.raw, and the
     * incident engine's stream-time timers would then follow the raw input's timestamps.
     */
    public static void record(StreamsBuilder builder, KStream<String, Decision> spineDecisions,
                              KStream<String, Decision> incidentDecisions, Topics topics,
                              ExplainSettings settings, Timers timers, StateStores stores) {
        builder.addStateStore(stores.cachedKeyValue(STORE, Serdes.String(), topics.valueSerde(DecisionLog.class)));
        builder.addStateStore(stores.keyValue(DEADLINES, Serdes.Bytes(), Serdes.ByteArray()));
        KStream<String, Decision> fromIncidents = incidentDecisions.repartition(Repartitioned.<String, Decision>as(
                INCIDENT_REPARTITION).withKeySerde(Serdes.String()).withValueSerde(topics.valueSerde(Decision.class)));
        spineDecisions.repartition(Repartitioned.<String, Decision>as(REPARTITION).withKeySerde(Serdes.String())
                        .withValueSerde(topics.valueSerde(Decision.class)))
                .merge(fromIncidents, Named.as("decisions-merge-incidents"))
                .process(() -> new DecisionRecorder(settings, timers), Named.as(RECORDER), STORE, DEADLINES);
    }
}
