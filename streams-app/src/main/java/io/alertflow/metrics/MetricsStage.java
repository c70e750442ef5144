package io.alertflow.metrics;

import io.alertflow.streams.state.StateStores;
import io.alertflow.avro.AlertChange;
import io.alertflow.avro.NoiseReport;
import io.alertflow.avro.ServiceMetricsState;
import io.alertflow.avro.SuppressedAlert;
import io.alertflow.avro.Tally;
import io.alertflow.streams.clock.Timers;
import io.alertflow.streams.topics.Topics;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;

/**
 * SPEC §3.8's aggregates: {@code service.metrics} per service per hour (tumbling window with a grace
 * period; the windowed store's retention bounds it) and {@code alerts.noise} per alert rule.
 * Inputs are tallies: from alert changes (new occurrences, duplicates at resolution), from
 * suppressions, and from the incident stage (opened, resolved with TTA/TTR).
 */
public final class MetricsStage {
    public static final String SERVICE_METRICS_STORE = "service-metrics-store";
    public static final String SERVICE_TALLIES = "service-tallies";
    public static final String RULE_TALLIES = "rule-tallies";
    public static final String INCIDENT_SERVICE_TALLIES = "incident-service-tallies";
    public static final String INCIDENT_RULE_TALLIES = "incident-rule-tallies";
    /** Name of the grouping (no topic: the input is already keyed and partitioned by service). */
    public static final String SERVICE_METRICS_GROUP = "service-metrics-group";
    public static final String NOISE = "noise-report";

    private MetricsStage() {
    }

    /**
     * Wires both aggregates. Tallies of the spine and of the incident stage are re-keyed and repartitioned
     * separately and merged only after their repartition topics: merging them first would fuse the
     * incident sub-topology with the one reading alerts.raw (one task, one stream time for both).
     */
    public static void wire(StreamsBuilder builder, KStream<String, AlertChange> dedupChanges,
                            KStream<String, SuppressedAlert> suppressed, KStream<String, Tally> incidentTallies,
                            Topics topics, Timers timers, Duration grace, Duration noiseRetention,
                            StateStores stores) {
        KStream<String, Tally> spineTallies = dedupChanges
                .flatMapValues(Tallies::ofChange, Named.as("tallies-from-changes"))
                .merge(suppressed.mapValues(Tallies::ofSuppressed, Named.as("tallies-from-suppressed")),
                        Named.as("tallies-merge-suppressed"));
        KStream<String, Tally> byService = byService(spineTallies, topics, SERVICE_TALLIES, "service-tallies")
                .merge(byService(incidentTallies, topics, INCIDENT_SERVICE_TALLIES, "incident-service-tallies"),
                        Named.as("service-tallies-merge"));
        KStream<String, Tally> byRule = byRule(spineTallies, topics, RULE_TALLIES, "rule-tallies")
                .merge(byRule(incidentTallies, topics, INCIDENT_RULE_TALLIES, "incident-rule-tallies"),
                        Named.as("rule-tallies-merge"));
        serviceMetrics(byService, topics, grace, stores);
        noise(builder, byRule, topics, timers, noiseRetention, stores);
    }

    private static KStream<String, Tally> byService(KStream<String, Tally> tallies, Topics topics, String topic, String name) {
        return tallies.filter((k, t) -> t.getService() != null, Named.as(name + "-with-service"))
                .selectKey((k, t) -> t.getService(), Named.as(name + "-by-service"))
                .repartition(Repartitioned.<String, Tally>as(topic).withKeySerde(Serdes.String())
                        .withValueSerde(topics.valueSerde(Tally.class)));
    }

    private static KStream<String, Tally> byRule(KStream<String, Tally> tallies, Topics topics, String topic, String name) {
        return tallies.filter((k, t) -> t.getAlertname() != null, Named.as(name + "-with-rule"))
                .selectKey((k, t) -> NoiseMath.ruleKey(t.getAlertname(), t.getService()), Named.as(name + "-by-rule"))
                .repartition(Repartitioned.<String, Tally>as(topic).withKeySerde(Serdes.String())
                        .withValueSerde(topics.valueSerde(Tally.class)));
    }

    private static void serviceMetrics(KStream<String, Tally> byService, Topics topics, Duration grace,
                                       StateStores stores) {
        byService.groupByKey(Grouped.<String, Tally>as(SERVICE_METRICS_GROUP).withKeySerde(Serdes.String())
                        .withValueSerde(topics.valueSerde(Tally.class)))
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofHours(1), grace))
                .aggregate(ServiceMetricsMath::empty, (service, t, s) -> ServiceMetricsMath.add(s, t),
                        Named.as("service-metrics-aggregate"),
                        stores.<String, ServiceMetricsState>windowedAggregate(SERVICE_METRICS_STORE,
                                        Duration.ofHours(1).plus(grace), Duration.ofHours(1))
                                .withKeySerde(Serdes.String())
                                .withValueSerde(topics.valueSerde(ServiceMetricsState.class)))
                .toStream(Named.as("service-metrics-changes"))
                .map((w, s) -> KeyValue.pair(w.key(), ServiceMetricsMath.render(w.key(), w.window().startTime(),
                        w.window().endTime(), s)), Named.as("service-metrics-render"))
                .to(topics.serviceMetrics().name(), topics.serviceMetrics().produced("service-metrics-sink"));
    }

    private static void noise(StreamsBuilder builder, KStream<String, Tally> byRule, Topics topics, Timers timers,
                              Duration retention, StateStores stores) {
        builder.addStateStore(stores.keyValue(NoiseProcessor.STORE, Serdes.String(), topics.valueSerde(NoiseReport.class)));
        byRule.process(() -> new NoiseProcessor(timers, retention), Named.as(NOISE), NoiseProcessor.STORE)
                .to(topics.alertsNoise().name(), topics.alertsNoise().produced("alerts-noise-sink"));
    }
}
