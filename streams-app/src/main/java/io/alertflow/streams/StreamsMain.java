package io.alertflow.streams;

import io.alertflow.streams.config.AlertflowConfig;
import io.alertflow.streams.topics.TopicProvisioner;
import io.alertflow.streams.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the streams app: loads the configuration (file from the first argument or {@code ALERTFLOW_CONFIG},
 * plus {@code ALERTFLOW_*} environment overrides), builds the topology and runs it until stopped.
 */
public final class StreamsMain {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsMain.class);

    private StreamsMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> env = System.getenv();
        String file = args.length > 0 ? args[0] : env.get("ALERTFLOW_CONFIG");
        AlertflowConfig cfg = AlertflowConfig.load(file == null ? null : Path.of(file), env, Map.of());
        KafkaStreams streams = start(cfg);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close(Duration.ofSeconds(30));
            stopped.countDown();
        }, "alertflow-shutdown"));
        stopped.await();
    }

    /** Creates missing topics (when configured), builds the topology and starts Kafka Streams; the caller closes it. */
    public static KafkaStreams start(AlertflowConfig cfg) throws InterruptedException {
        Topics topics = Topics.from(cfg);
        Properties props = cfg.streamsProperties();
        if (cfg.createMissingTopics()) {
            List<String> created = TopicProvisioner.createMissing(props, topics.all(), cfg.topicPartitions(),
                    cfg.topicReplicationFactor());
            if (!created.isEmpty()) {
                LOG.info("created topics {}", created);
            }
        }
        KafkaStreams streams = new KafkaStreams(AlertflowTopology.build(cfg, topics), props);
        // Bad records never get here (they are dead-lettered); what does is infrastructure: stop, let the supervisor restart.
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread failed; shutting this instance down", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        LOG.info("starting Alertflow streams: {}", cfg.summary());
        streams.start();
        return streams;
    }
}
