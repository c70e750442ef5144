package io.alertflow.api.prometheus;

import io.alertflow.api.LocalState;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The Prometheus registry behind {@code GET /metrics}: the pipeline counters ({@link PipelineMeters}), open
 * incidents by priority ({@link OpenIncidentGauges}), the Kafka Streams client metrics (threads, tasks, stores,
 * the embedded consumers' lag and producers) and the JVM's.
 */
public final class ApiMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final PipelineMeters pipeline = new PipelineMeters(registry);
    private KafkaStreamsMetrics streamsMetrics;
    private JvmGcMetrics gc;

    public ApiMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        gc = new JvmGcMetrics();
        gc.bindTo(registry);
    }

    /** The counters to build the topology with. */
    public PipelineMeters pipeline() {
        return pipeline;
    }

    /** Adds the gauges read from the local stores. */
    public ApiMetrics withState(LocalState state, Clock clock) {
        OpenIncidentGauges.register(registry, state, clock);
        return this;
    }

    /** Adds the Kafka Streams client metrics of {@code streams}. */
    public ApiMetrics withStreams(KafkaStreams streams) {
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        return this;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        gc.close();
        registry.close();
    }
}
