package io.alertflow.streams;

import io.alertflow.api.ApiServer;
import io.alertflow.api.QueryApi;
import io.alertflow.api.prometheus.ApiMetrics;
import io.alertflow.api.prometheus.PipelineMeters;
import io.alertflow.serde.SchemaRegistryClients;
import io.alertflow.streams.config.AlertflowConfig;
import io.alertflow.streams.topics.TopicProvisioner;
import io.alertflow.streams.topics.Topics;
import io.alertflow.validation.AlertPartitions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the streams app: loads the configuration (file from the first argument or {@code ALERTFLOW_CONFIG},
 * plus {@code ALERTFLOW_*} environment overrides), builds the topology, serves the HTTP API and runs until stopped.
 */
public final class StreamsMain {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsMain.class);

    private StreamsMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> env = System.getenv();
        String file = args.length > 0 ? args[0] : env.get("ALERTFLOW_CONFIG");
        AlertflowConfig cfg = AlertflowConfig.load(file == null ? null : Path.of(file), env, Map.of());
        registryWarning(cfg.string("schema.registry.url")).ifPresent(LOG::warn);
        Running running = startWithApi(cfg);
        CountDownLatch stopped = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            running.close();
            stopped.countDown();
        }, "alertflow-shutdown"));
        while (!stopped.await(1, TimeUnit.SECONDS)) {
            KafkaStreams.State state = running.streams().state();
            // (Not while the shutdown hook closes it: System.exit inside a shutdown would block forever.)
            if (!stopping.get() && (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING)) {
                // Exit non-zero so a supervisor (systemd, Kubernetes, docker restart policy) starts a fresh instance.
                LOG.error("Kafka Streams is {}; exiting so the instance can be restarted", state);
                System.exit(1);
            }
        }
    }

    /**
     * The warning for a standalone app on an in-process ({@code mock://}) registry, the default: it cannot read what
     * a gateway in another process wrote (every alert would be dead-lettered), and no consumer can read its outputs.
     * The embedded stack ({@code ./alertflow up}, {@code demo}) shares one in-process registry on purpose and does not
     * come through here.
     */
    static Optional<String> registryWarning(String url) {
        if (!SchemaRegistryClients.inProcess(url.trim())) {
            return Optional.empty();
        }
        return Optional.of("schema.registry.url is " + url + ": an in-process registry, so this app cannot read "
                + "alerts that other processes wrote and no other process can read its outputs; set "
                + "ALERTFLOW_SCHEMA_REGISTRY_URL to the real registry");
    }

    /** A running instance: Kafka Streams and, when {@code api.enabled}, its HTTP API (null otherwise). */
    public record Running(KafkaStreams streams, ApiServer api, ApiMetrics metrics) implements AutoCloseable {
        /** Stops the API first (no queries against closing stores), then Kafka Streams. */
        @Override
        public void close() {
            if (api != null) {
                api.close();
            }
            streams.close(Duration.ofSeconds(30));
            metrics.close();
        }
    }

    /**
     * Like {@link #start}, with the counters of {@code GET /metrics} wired into the topology and, when
     * {@code api.enabled}, the HTTP API on {@code api.host:api.port}; the caller closes it.
     */
    public static Running startWithApi(AlertflowConfig cfg) throws InterruptedException {
        ApiMetrics metrics = new ApiMetrics();
        KafkaStreams streams = start(cfg, metrics.pipeline());
        try {
            ApiServer api = cfg.bool("api.enabled") ? QueryApi.start(cfg, streams, metrics) : null;
            return new Running(streams, api, metrics);
        } catch (RuntimeException e) {
            streams.close(Duration.ofSeconds(30));
            metrics.close();
            throw e;
        }
    }

    /**
     * How many tasks read the alert sources (the larger partition count of {@code alerts.raw} and
     * {@code alerts.synthetic}, as Kafka Streams sizes their repartition topic), so validation can move alerts keyed by
     * fingerprint that a producer put on another partition. Read once at start: adding partitions to a keyed topic
     * needs a restart (and moves keys) anyway. If the topics cannot be described, keys are trusted as before.
     */
    public static AlertPartitions alertPartitions(Properties props, Topics topics) throws InterruptedException {
        List<String> sources = List.of(topics.alertsRaw().name(), topics.alertsSynthetic().name());
        try {
            int count = TopicProvisioner.partitionCounts(props, sources).values().stream().max(Integer::compare).orElse(0);
            return new AlertPartitions(count);
        } catch (IllegalStateException e) {
            LOG.warn("{}; alerts keyed by fingerprint are taken to be on that key's partition", e.getMessage());
            return AlertPartitions.UNKNOWN;
        }
    }

    /** Creates missing topics (when configured), builds the topology and starts Kafka Streams; the caller closes it. */
    public static KafkaStreams start(AlertflowConfig cfg) throws InterruptedException {
        return start(cfg, PipelineMeters.disabled());
    }

    /** Like {@link #start(AlertflowConfig)}, counting into {@code meters}. */
    public static KafkaStreams start(AlertflowConfig cfg, PipelineMeters meters) throws InterruptedException {
        Topics topics = Topics.from(cfg);
        Properties props = cfg.streamsProperties();
        if (cfg.createMissingTopics()) {
            List<String> created = TopicProvisioner.createMissing(props, topics.all(), cfg.topicPartitions(),
                    cfg.topicReplicationFactor());
            if (!created.isEmpty()) {
                LOG.info("created topics {}", created);
            }
        }
        KafkaStreams streams = new KafkaStreams(AlertflowTopology.build(cfg, topics, meters, alertPartitions(props, topics)), props);
        // Bad records never get here (they are dead-lettered); what does is infrastructure: stop, let the supervisor restart.
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING || now == KafkaStreams.State.ERROR || before == KafkaStreams.State.RUNNING) {
                LOG.info("Kafka Streams {} -> {}", before, now);
            }
        });
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread failed; shutting this instance down", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        LOG.info("starting Alertflow streams: {}", cfg.summary());
        streams.start();
        return streams;
    }
}
