package io.alertflow.anomaly;

import io.alertflow.streams.state.StateStores;
import io.alertflow.avro.AlertChange;
import io.alertflow.avro.Anomaly;
import io.alertflow.avro.ChangeType;
import io.alertflow.avro.DeadLetter;
import io.alertflow.avro.MetricSample;
import io.alertflow.avro.RawAlert;
import io.alertflow.streams.clock.TimerMode;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

import java.util.List;
import java.util.Map;

/**
 * The anomaly stage (SPEC 3.4): alert-rate surges per service from deduplicated changes, metric
 * rate-of-change per series from {@code metrics.samples}, and a synthetic alert for every anomaly raised or
 * cleared. Every processor, store and internal topic is named by a constant here.
 */
public final class AnomalyStage {
    /** Selects FIRED changes that name a service and keys them by it (value: the fingerprint). */
    public static final String SURGE_KEY_BY_SERVICE = "anomaly-surge-fired-by-service";
    /** Repartition by service; topic {@code <application.id>-anomaly-surge-by-service-repartition}. */
    public static final String SURGE_REPARTITION = "anomaly-surge-by-service";
    public static final String SURGE_PROCESSOR = "anomaly-surge-detector";
    /** Window store: alerts per service and minute, for minutes not yet closed. */
    public static final String SURGE_COUNTS_STORE = "anomaly-surge-minute-counts";
    /** Key-value store: per service EWMA baseline and surge state. */
    public static final String SURGE_STATE_STORE = "anomaly-surge-baselines";
    /** Splits samples keyed by series from those a producer left unkeyed (branches {@code -keyed}, {@code -unkeyed}). */
    public static final String METRIC_SPLIT = "anomaly-metric-samples-";
    public static final String METRIC_KEY_BY_SERIES = "anomaly-metric-key-by-series";
    /** Repartition of unkeyed samples by series; topic {@code <application.id>-anomaly-metric-by-series-repartition}. */
    public static final String METRIC_REPARTITION = "anomaly-metric-by-series";
    public static final String METRIC_MERGE = "anomaly-metric-samples-merge";
    public static final String METRIC_PROCESSOR = "anomaly-metric-detector";
    /** Key-value store: per series sample buffer and raise state. */
    public static final String METRIC_SERIES_STORE = "anomaly-metric-series";
    public static final String METRIC_ANOMALIES = "anomaly-metric-anomalies";
    public static final String METRIC_DEAD_LETTERS = "anomaly-metric-dead-letters";
    public static final String MERGE = "anomaly-merge";
    public static final String SYNTHETIC_ALERTS = "anomaly-synthetic-alerts";
    /** {@code DeadLetter.stage} of samples this stage rejects. */
    public static final String DLQ_STAGE = "anomaly";
    /** Label of a synthetic metric alert naming its series (besides {@code alertname} and {@code service}). */
    public static final String SERIES_LABEL = "series";

    private AnomalyStage() {
    }

    /**
     * What the stage produces.
     *
     * @param anomalies       raised and cleared anomalies, key = service (for topic {@code anomalies})
     * @param syntheticAlerts one alert per anomaly, key = fingerprint (into validation/dedup like any alert)
     * @param deadLetters     rejected metric samples, key = the original key (for {@code alerts.dlq})
     */
    public record Result(KStream<String, Anomaly> anomalies, KStream<String, RawAlert> syntheticAlerts,
                         KStream<String, DeadLetter> deadLetters) {
    }

    /**
     * Wires both detectors.
     *
     * @param changes     deduplicated alert changes (any key); only FIRED ones with a {@code service} label count
     * @param samples     {@code metrics.samples}, key = series
     * @param timers      what drives the minute-closing and cleanup timers (wall clock live, stream time in replay)
     * @param sampleSerde the input serde of samples, to put the original bytes of a rejected sample in its dead letter
     * @param stores      how the detectors' stores are kept
     */
    public static Result detect(KStream<String, AlertChange> changes, KStream<String, MetricSample> samples,
                                AnomalySettings settings, TimerMode timers, Serde<MetricSample> sampleSerde,
                                StateStores stores) {
        KStream<String, Anomaly> surges = detectSurges(changes, settings, timers, stores);
        KStream<String, MetricOutcome> outcomes = bySeries(samples, sampleSerde).process(
                MetricRateProcessor.supplier(settings, timers, sampleSerde, stores), Named.as(METRIC_PROCESSOR));
        KStream<String, Anomaly> rises = outcomes.flatMapValues(
                o -> o.anomaly() == null ? List.of() : List.of(o.anomaly()), Named.as(METRIC_ANOMALIES));
        KStream<String, DeadLetter> deadLetters = outcomes.flatMapValues(
                o -> o.deadLetter() == null ? List.of() : List.of(o.deadLetter()), Named.as(METRIC_DEAD_LETTERS));
        KStream<String, Anomaly> anomalies = surges.merge(rises, Named.as(MERGE));
        KStream<String, RawAlert> synthetic = anomalies.map(
                (service, anomaly) -> {
                    RawAlert alert = SyntheticAlerts.of(anomaly);
                    return KeyValue.pair(alert.getFingerprint(), alert);
                }, Named.as(SYNTHETIC_ALERTS));
        return new Result(anomalies, synthetic, deadLetters);
    }

    /**
     * The samples on their series' partition. {@code metrics.samples} is keyed by series (SPEC §2), but a producer
     * that leaves the key out has its samples spread over partitions, and one series' window would be split over
     * several tasks, each seeing part of the slope. Those samples (key null or blank, a series named) are keyed by
     * their series and repartitioned; keyed ones stay in place, and samples without a series go on to be
     * dead-lettered by the detector.
     */
    static KStream<String, MetricSample> bySeries(KStream<String, MetricSample> samples, Serde<MetricSample> sampleSerde) {
        Map<String, KStream<String, MetricSample>> split = samples.split(Named.as(METRIC_SPLIT))
                .branch((key, sample) -> (key == null || key.isBlank()) && sample != null && sample.getSeries() != null
                        && !sample.getSeries().isBlank(), Branched.as("unkeyed"))
                .defaultBranch(Branched.as("keyed"));
        KStream<String, MetricSample> moved = split.get(METRIC_SPLIT + "unkeyed")
                .process(KeyBySeries::new, Named.as(METRIC_KEY_BY_SERIES))
                .repartition(Repartitioned.with(Serdes.String(), sampleSerde).withName(METRIC_REPARTITION));
        return split.get(METRIC_SPLIT + "keyed").merge(moved, Named.as(METRIC_MERGE));
    }

    /** The surge half alone: anomalies keyed by service. */
    public static KStream<String, Anomaly> detectSurges(KStream<String, AlertChange> changes, AnomalySettings settings,
                                                        TimerMode timers, StateStores stores) {
        return changes
                .flatMap((key, change) -> {
                    String service = countedService(change);
                    return service == null ? List.<KeyValue<String, String>>of()
                            : List.of(KeyValue.pair(service, change.getFingerprint()));
                }, Named.as(SURGE_KEY_BY_SERVICE))
                .repartition(Repartitioned.<String, String>as(SURGE_REPARTITION)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()))
                .process(AlertRateSurgeProcessor.supplier(settings, timers, stores), Named.as(SURGE_PROCESSOR));
    }

    /**
     * The service a change counts for in the surge detector: new occurrences only (re-sends never get here), and
     * not the detector's own synthetic alerts, which would otherwise feed each anomaly back into the alert rate.
     */
    static String countedService(AlertChange change) {
        if (change == null || change.getChange() != ChangeType.FIRED || change.getAlert() == null
                || SyntheticAlerts.SOURCE.equals(change.getAlert().getSource())) {
            return null;
        }
        String service = change.getAlert().getLabels().get("service");
        return service == null || service.isBlank() ? null : service;
    }
}
