package io.alertflow.metrics;

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
import org.apache.kafka.streams.state.Stores;

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
    public static final String NOISE = "noise-report";

    private MetricsStage() {
    }

    /** Wires both aggregates. */
    public static void wire(StreamsBuilder builder, KStream<String, AlertChange> dedupChanges,
                            KStream<String, SuppressedAlert> suppressed, KStream<String, Tally> incidentTallies,
                            Topics topics, Timers timers, Duration grace, Duration noiseRetention) {
        KStream<String, Tally> tallies = dedupChanges
                .flatMapValues(Tallies::ofChange, Named.as("tallies-from-changes"))
                .merge(suppressed.mapValues(Tallies::ofSuppressed, Named.as("tallies-from-suppressed")),
                        Named.as("tallies-merge-suppressed"))
                .merge(incidentTallies, Named.as("tallies-merge-incidents"));
        serviceMetrics(tallies, topics, grace);
        noise(builder, tallies, topics, timers, noiseRetention);
    }

    private static void serviceMetrics(KStream<String, Tally> tallies, Topics topics, Duration grace) {
        tallies.filter((k, t) -> t.getService() != null, Named.as("service-tallies-with-service"))
                .selectKey((k, t) -> t.getService(), Named.as("service-tallies-by-service"))
                .groupByKey(Grouped.<String, Tally>as(SERVICE_TALLIES).withKeySerde(Serdes.String())
                        .withValueSerde(topics.valueSerde(Tally.class)))
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofHours(1), grace))
                .aggregate(ServiceMetricsMath::empty, (service, t, s) -> ServiceMetricsMath.add(s, t),
                        Named.as("service-metrics-aggregate"),
                        Materialized.<String, ServiceMetricsState>as(Stores.persistentTimestampedWindowStore(
                                        SERVICE_METRICS_STORE, Duration.ofHours(1).plus(grace), Duration.ofHours(1), false))
                                .withKeySerde(Serdes.String())
                                .withValueSerde(topics.valueSerde(ServiceMetricsState.class)))
                .toStream(Named.as("service-metrics-changes"))
                .map((w, s) -> KeyValue.pair(w.key(), ServiceMetricsMath.render(w.key(), w.window().startTime(),
                        w.window().endTime(), s)), Named.as("service-metrics-render"))
                .to(topics.serviceMetrics().name(), topics.serviceMetrics().produced("service-metrics-sink"));
    }

    private static void noise(StreamsBuilder builder, KStream<String, Tally> tallies, Topics topics, Timers timers,
                              Duration retention) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NoiseProcessor.STORE),
                Serdes.String(), topics.valueSerde(NoiseReport.class)));
        tallies.filter((k, t) -> t.getAlertname() != null, Named.as("rule-tallies-with-rule"))
                .selectKey((k, t) -> NoiseMath.ruleKey(t.getAlertname(), t.getService()), Named.as("rule-tallies-by-rule"))
                .repartition(Repartitioned.<String, Tally>as(RULE_TALLIES).withKeySerde(Serdes.String())
                        .withValueSerde(topics.valueSerde(Tally.class)))
                .process(() -> new NoiseProcessor(timers, retention), Named.as(NOISE), NoiseProcessor.STORE)
                .to(topics.alertsNoise().name(), topics.alertsNoise().produced("alerts-noise-sink"));
    }
}
