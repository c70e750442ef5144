package io.alertflow.anomaly;

import io.alertflow.streams.state.StateStores;
import io.alertflow.avro.Anomaly;
import io.alertflow.avro.AnomalyKind;
import io.alertflow.avro.DeadLetter;
import io.alertflow.avro.MetricSample;
import io.alertflow.dlq.DeadLetters;
import io.alertflow.streams.clock.TimerMode;
import io.alertflow.streams.clock.Timers;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Feeds each {@code metrics.samples} record (key = series) to the series' {@link RateOfChangeDetector} and
 * forwards the anomalies it raises or clears; a sample that cannot be used (no series or service, a value that
 * is not finite, later than the grace period) becomes a dead letter with the reason.
 *
 * <p>Bounded state: the detector keeps only the samples future windows need; a timer drops every series of
 * {@link AnomalyStage#METRIC_SERIES_STORE} without a sample for {@code anomaly.series-retention}, clearing its
 * anomaly first when one is raised so the synthetic alert resolves.
 */
final class MetricRateProcessor implements Processor<String, MetricSample, String, MetricOutcome> {
    private final RateOfChangeDetector detector;
    private final long retention;
    private final Timers cleanupTimer;
    private final Serde<MetricSample> sampleSerde;
    private ProcessorContext<String, MetricOutcome> context;
    private KeyValueStore<String, SeriesState> series;

    MetricRateProcessor(AnomalySettings settings, TimerMode mode, Serde<MetricSample> sampleSerde) {
        this.detector = RateOfChangeDetector.from(settings);
        this.retention = settings.seriesRetention().toMillis();
        this.cleanupTimer = new Timers(mode, settings.cleanupInterval());
        this.sampleSerde = sampleSerde;
    }

    /** The supplier that also declares the series store. */
    static ProcessorSupplier<String, MetricSample, String, MetricOutcome> supplier(AnomalySettings settings, TimerMode mode,
                                                                                   Serde<MetricSample> sampleSerde,
                                                                                   StateStores stores) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, MetricSample, String, MetricOutcome> get() {
                return new MetricRateProcessor(settings, mode, sampleSerde);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(seriesStore(stores));
            }
        };
    }

    static StoreBuilder<KeyValueStore<String, SeriesState>> seriesStore(StateStores stores) {
        return stores.keyValue(AnomalyStage.METRIC_SERIES_STORE, Serdes.String(), StateSerdes.seriesState());
    }

    @Override
    public void init(ProcessorContext<String, MetricOutcome> context) {
        this.context = context;
        this.series = context.getStateStore(AnomalyStage.METRIC_SERIES_STORE);
        cleanupTimer.schedule(context, this::dropSilentSeries);
    }

    @Override
    public void process(org.apache.kafka.streams.processor.api.Record<String, MetricSample> record) {
        MetricSample sample = record.value();
        String problem = problemWith(sample);
        if (problem != null) {
            reject(record, problem);
            return;
        }
        // metrics.samples is keyed by series; the field decides when a producer left the key out.
        String id = record.key() != null && !record.key().isBlank() ? record.key() : sample.getSeries();
        SeriesState state = series.get(id);
        if (state == null) {
            state = new SeriesState(sample.getService(), sample.getName());
        }
        RateOfChangeDetector.Outcome outcome = detector.add(state, sample.getAt().toEpochMilli(), sample.getValue());
        if (outcome.rejection() != null) {
            reject(record, "metric sample of series " + id + " rejected: " + outcome.rejection());
            return;
        }
        series.put(id, state);
        for (Detection d : outcome.detections()) {
            forward(state.service(), id, d);
        }
    }

    private static String problemWith(MetricSample sample) {
        if (sample == null) {
            return "metric sample has no value";
        }
        if (sample.getSeries() == null || sample.getSeries().isBlank()) {
            return "metric sample has no series id";
        }
        if (sample.getService() == null || sample.getService().isBlank()) {
            return "metric sample of series " + sample.getSeries() + " names no service";
        }
        if (sample.getAt() == null) {
            return "metric sample of series " + sample.getSeries() + " has no time";
        }
        return null;
    }

    /** Drops series silent for longer than the retention; a raised one is cleared first. */
    void dropSilentSeries(Instant now) {
        List<KeyValue<String, SeriesState>> silent = new ArrayList<>();
        try (KeyValueIterator<String, SeriesState> it = series.all()) {
            it.forEachRemaining(e -> {
                if (now.toEpochMilli() - e.value.newestAt() > retention) {
                    silent.add(e);
                }
            });
        }
        for (KeyValue<String, SeriesState> e : silent) {
            detector.expire(e.value, now.toEpochMilli()).ifPresent(d -> forward(e.value.service(), e.key, d));
            series.delete(e.key);
        }
    }

    private void forward(String service, String seriesId, Detection d) {
        Anomaly anomaly = d.toAnomaly(AnomalyKind.METRIC_RATE_OF_CHANGE, service, seriesId);
        context.forward(new org.apache.kafka.streams.processor.api.Record<>(service, MetricOutcome.anomaly(anomaly),
                d.windowEnd()));
    }

    private void reject(org.apache.kafka.streams.processor.api.Record<String, MetricSample> record, String error) {
        // A sample moved by series (KeyBySeries) names where it was written, and had no key there.
        Optional<RecordMetadata> origin = DeadLetters.origin(record.headers(), context.recordMetadata());
        boolean moved = record.headers().lastHeader(DeadLetters.ORIGIN_TOPIC) != null;
        String topic = origin.map(RecordMetadata::topic).orElse("");
        byte[] key = record.key() == null || moved ? null : record.key().getBytes(StandardCharsets.UTF_8);
        DeadLetter letter = DeadLetters.of(origin, key, originalBytes(topic, record.value()),
                AnomalyStage.DLQ_STAGE, error, Instant.ofEpochMilli(record.timestamp()));
        context.forward(new org.apache.kafka.streams.processor.api.Record<>(record.key(), MetricOutcome.deadLetter(letter),
                record.timestamp()));
    }

    /** The sample re-encoded with the input serde: it deserialised, so this is the bytes it came as. */
    private byte[] originalBytes(String topic, MetricSample sample) {
        return sample == null ? null : sampleSerde.serializer().serialize(topic, sample);
    }
}
