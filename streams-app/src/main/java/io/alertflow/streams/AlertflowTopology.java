package io.alertflow.streams;

import io.alertflow.streams.state.StateStores;
import io.alertflow.api.prometheus.PipelineMeters;
import io.alertflow.avro.AlertChange;
import io.alertflow.avro.DeadLetter;
import io.alertflow.avro.Decision;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.SuppressedAlert;
import io.alertflow.anomaly.AnomalySettings;
import io.alertflow.anomaly.AnomalyStage;
import io.alertflow.anomaly.SyntheticRefresher;
import io.alertflow.correlation.ServiceCatalog;
import io.alertflow.dlq.DeadLetters;
import io.alertflow.explain.DecisionStage;
import io.alertflow.explain.ExplainSettings;
import io.alertflow.incident.IncidentSettings;
import io.alertflow.incident.IncidentStage;
import io.alertflow.metrics.MetricsStage;
import io.alertflow.dedup.Dedup;
import io.alertflow.maintenance.Maintenance;
import io.alertflow.streams.config.AlertflowConfig;
import io.alertflow.streams.topics.Topics;
import io.alertflow.validation.AlertPartitions;
import io.alertflow.validation.Validation;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.ForeachAction;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The Alertflow pipeline: validate → dedup → maintenance → anomalies → correlation/incidents → metrics → decisions,
 * with dead letters and suppressed alerts as side outputs. Builds from configuration only; never reads the
 * environment.
 */
public final class AlertflowTopology {
    private AlertflowTopology() {
    }

    /** The streams every later stage plugs into, all keyed by fingerprint. */
    public record Spine(
            /* valid alerts, every notification (for "alerts received" counters) */
            KStream<String, RawAlert> validated,
            /* re-sends absorbed by dedup (for "duplicates" counters); null in a build that counts nothing */
            KStream<String, RawAlert> duplicates,
            /* alerts held by maintenance windows (also written to alerts.suppressed) */
            KStream<String, SuppressedAlert> suppressed,
            /* FIRED / RESOLVED / STALE / RELEASED changes that reach correlation */
            KStream<String, AlertChange> changes,
            /* FIRED / RESOLVED / STALE as deduplication decided them, before maintenance (for decisions) */
            KStream<String, AlertChange> dedupChanges) {
    }

    /**
     * Builds the whole topology without counting nodes, trusting that alerts keyed by fingerprint sit on that
     * key's partition (tests, what-if: one partition).
     */
    public static Topology build(AlertflowConfig cfg, Topics topics) {
        return build(cfg, topics, PipelineMeters.disabled(), AlertPartitions.UNKNOWN);
    }

    /**
     * Builds the whole topology; peek nodes count alerts, duplicates, suppressions, anomalies, incidents and pages
     * into {@code meters}; {@code partitions} lets validation move alerts keyed by fingerprint but placed elsewhere.
     */
    public static Topology build(AlertflowConfig cfg, Topics topics, PipelineMeters meters, AlertPartitions partitions) {
        Properties props = cfg.streamsProperties();
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
        StateStores stores = cfg.stateStores();
        Spine spine = spine(builder, cfg, topics, partitions, meters.counts());
        meter(meters, spine.validated(), (k, v) -> meters.alertReceived(), "meter-alerts-received");
        meter(meters, spine.duplicates(), (k, v) -> meters.duplicate(), "meter-duplicates");
        meter(meters, spine.suppressed(), (k, v) -> meters.suppressed(), "meter-suppressed");
        // 4. Anomalies: alert-rate surges and rising metrics → anomalies, and synthetic alerts back into validation.
        AnomalyStage.Result anomalies = AnomalyStage.detect(spine.changes(),
                builder.stream(topics.metricsSamples().name(), topics.metricsSamples().consumed("metrics-samples-source")),
                AnomalySettings.fromConfig(cfg.source()), cfg.timers().mode(), topics.metricsSamples().valueSerde(), stores);
        anomalies.anomalies().to(topics.anomalies().name(), topics.anomalies().produced("anomalies-sink"));
        meter(meters, anomalies.anomalies(), (k, v) -> meters.anomaly(v), "meter-anomalies");
        builder.addStateStore(stores.keyValue(SyntheticRefresher.STORE, Serdes.String(), topics.alertsSynthetic().valueSerde()));
        anomalies.syntheticAlerts()
                .process(() -> new SyntheticRefresher(cfg.timers(), cfg.staleAfter().dividedBy(2)),
                        Named.as("anomaly-synthetic-refresh"), SyntheticRefresher.STORE)
                .to(topics.alertsSynthetic().name(), topics.alertsSynthetic().produced("synthetic-alerts-sink"));
        DeadLetters.sink(anomalies.deadLetters(), topics, "anomaly");
        // 5. Correlation and incidents: lifecycle, escalation pages, TTD/TTA/TTR.
        IncidentStage.Outputs incidents = IncidentStage.wireAll(builder, spine.changes(), topics, topics.incidentIndex(),
                IncidentSettings.from(cfg.source()), cfg.timers(), new ServiceCatalog(), stores);
        meter(meters, incidents.incidents(), (k, v) -> meters.incident(v), "meter-incidents");
        meter(meters, incidents.pages(), (k, v) -> meters.page(v), "meter-pages");
        meter(meters, incidents.metrics(), (k, v) -> meters.resolved(v), "meter-incident-metrics");
        // 6. Metrics: service.metrics per service-hour and alerts.noise per rule.
        MetricsStage.wire(builder, spine.changes(), spine.suppressed(), incidents.tallies(), topics, cfg.timers(),
                cfg.duration("metrics.grace"), cfg.duration("noise.retention"), stores);
        // 7. Decisions, for "why did this (not) page": state changes of every stage, by fingerprint, into decisions-store.
        KStream<String, DeadLetter> deadLetters = DecisionStage.deadLetters(builder, topics);
        meter(meters, deadLetters, (k, v) -> meters.deadLetter(v), "meter-dead-letters");
        KStream<String, Decision> decisions = DecisionStage.fromSpine(spine.dedupChanges(), spine.suppressed(), spine.changes())
                .merge(DecisionStage.fromDeadLetters(deadLetters), Named.as("decisions-merge-dead-letters"));
        DecisionStage.record(builder, decisions, incidents.decisions(), topics, ExplainSettings.from(cfg.source()), cfg.timers(), stores);
        return builder.build(props);
    }

    /** Adds a counting node {@code name} on {@code stream}, unless {@code meters} count into nothing (tests, what-if). */
    private static <K, V> void meter(PipelineMeters meters, KStream<K, V> stream, ForeachAction<K, V> count, String name) {
        if (meters.counts()) {
            stream.peek(count, Named.as(name));
        }
    }

    /** Adds stages 1-3 to {@code builder} and returns their outputs; see {@link #build(AlertflowConfig, Topics, PipelineMeters, AlertPartitions)}. */
    public static Spine spine(StreamsBuilder builder, AlertflowConfig cfg, Topics topics, AlertPartitions partitions) {
        return spine(builder, cfg, topics, partitions, true);
    }

    /** {@link #spine(StreamsBuilder, AlertflowConfig, Topics, AlertPartitions)}, with the duplicates stream only when asked. */
    private static Spine spine(StreamsBuilder builder, AlertflowConfig cfg, Topics topics, AlertPartitions partitions,
                               boolean withDuplicates) {
        Maintenance.loadWindows(builder, topics, cfg.stateStores());
        // 1. Validation: undeserializable or invalid alerts → alerts.dlq; the rest keyed by fingerprint.
        KStream<String, RawAlert> validated = Validation.validate(builder, topics, cfg, partitions);
        // 2. Deduplication: only state changes continue; re-sends are counted.
        Dedup.Deduplicated deduplicated = Dedup.deduplicate(builder, validated, topics, cfg, withDuplicates);
        // 3. Maintenance: new occurrences covered by a window → alerts.suppressed; released at the window's end.
        Maintenance.Maintained maintained = Maintenance.suppress(builder, deduplicated.changes(), topics, cfg);
        return new Spine(validated, deduplicated.duplicates(), maintained.suppressed(), maintained.changes(),
                deduplicated.changes());
    }
}
