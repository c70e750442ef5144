package io.alertflow.validation;

import io.alertflow.alert.AlertValidator;
import io.alertflow.avro.DeadLetter;
import io.alertflow.avro.RawAlert;
import io.alertflow.dlq.DeadLetters;
import io.alertflow.streams.config.AlertflowConfig;
import io.alertflow.streams.topics.Topics;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Stage 1 (SPEC §3.1): {@code alerts.raw} → valid alerts keyed by fingerprint; undeserializable and invalid
 * records → {@code alerts.dlq}. Alerts produced with another key (e.g. null) are repartitioned by fingerprint
 * so deduplication sees every notification of one alert on one partition; alerts already keyed by
 * fingerprint and on that key's partition (the gateway's) skip that extra hop.
 */
public final class Validation {
    /** Processor names, pinned by the topology test. */
    public static final String SOURCE = "alerts-raw-source";
    public static final String PROCESSOR = "validate";
    /** Name of the repartition topic {@code <application.id>-alerts-by-fingerprint-repartition}. */
    public static final String REPARTITION = "alerts-by-fingerprint";
    /**
     * The children of {@link #PROCESSOR}, one per outcome; it forwards each record to one of them: an alert keyed by
     * its fingerprint on that key's partition straight to the merge of valid alerts, one placed elsewhere to the way
     * to the repartition topic, a dead letter to the way to the DLQ.
     */
    static final String IN_PLACE = "validated-alerts";
    static final String MISPLACED = "validate-misplaced-alert";
    static final String REJECTED = "validate-rejected-letter";

    private Validation() {
    }

    /**
     * Adds the stage and returns the valid alerts, keyed by fingerprint, co-partitioned by it; {@code partitions}
     * says where Kafka's default partitioner puts a fingerprint, to move alerts a producer placed elsewhere.
     */
    public static KStream<String, RawAlert> validate(StreamsBuilder builder, Topics topics, AlertflowConfig cfg,
                                                     AlertPartitions partitions) {
        AlertValidator validator = new AlertValidator(cfg.validationLimits());
        // Values are RawAlerts or DeadLetters, by child (see ValidationProcessor).
        KStream<String, Object> checked = builder
                // Synthetic alerts of the anomaly detectors enter here too, so they are deduplicated and
                // pass maintenance windows like any alert (SPEC §3.4).
                .stream(List.of(topics.alertsRaw().name(), topics.alertsSynthetic().name()),
                        topics.alertsRaw().bytes().consumed(SOURCE))
                .process(() -> new ValidationProcessor(new RawAlertCheck(
                        // One deserializer per task: processors never share mutable decoders across stream threads.
                        topics.valueSerde(RawAlert.class).deserializer(), validator), partitions), Named.as(PROCESSOR));

        // The processor forwards each record to the one child below that is named for its outcome, instead of every
        // record passing a split node, a branch node and a node that unwraps it: the alerts already in place, nearly
        // all of them, go from validation straight into the merge that deduplication reads.
        DeadLetters.sink(checked.mapValues(v -> (DeadLetter) v, Named.as(REJECTED)), topics, "validate");
        KStream<String, RawAlert> moved = checked.mapValues(v -> (RawAlert) v, Named.as(MISPLACED))
                .repartition(Repartitioned.with(Serdes.String(), topics.alertsRaw().valueSerde()).withName(REPARTITION));
        return alerts(checked).merge(moved, Named.as(IN_PLACE));
    }

    /** {@code checked} as the stream of alerts it is to the merge, which the processor forwards only alerts to. */
    @SuppressWarnings("unchecked")
    private static KStream<String, RawAlert> alerts(KStream<String, Object> checked) {
        return (KStream<String, RawAlert>) (KStream<String, ?>) checked;
    }
}
