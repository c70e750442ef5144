package io.alertflow.reliability.harness;

import io.alertflow.streams.StreamsMain;
import io.alertflow.streams.config.AlertflowConfig;
import io.alertflow.streams.topics.TopicProvisioner;
import io.alertflow.streams.topics.Topics;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * One deployment of the streams app for a test: its own application id and its own set of topics (every
 * {@code topic.*} name gets the run's prefix), so an uninterrupted run and a crashed run over the same input
 * can share one broker. Instances are child JVMs running {@link StreamsMain} with a properties file.
 */
public final class StreamsRun {
    private final String name;
    private final Path dir;
    private final Map<String, String> settings;
    private final AlertflowConfig config;
    private int instances;

    private StreamsRun(String name, Path dir, Map<String, String> settings) {
        this.name = name;
        this.dir = dir;
        this.settings = settings;
        this.config = AlertflowConfig.of(settings);
    }

    /**
     * The settings of the deterministic crash scenarios: stream-time timers (so the comparison with an
     * uninterrupted run is exact), one partition per topic (one writer per repartition partition, so every
     * task sees its records in one order), the surge detector off (synthetic alerts would race with raw
     * ones), and short session and transaction timeouts so that a killed instance is replaced within seconds.
     */
    public static StreamsRun create(String name, Path dir, String bootstrapServers, String registryUrl,
                                    Map<String, String> extra) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("application.id", "rel-" + name);
        s.put("bootstrap.servers", bootstrapServers);
        s.put("schema.registry.url", registryUrl);
        s.put("timers.mode", "stream-time");
        s.put("timers.interval", "1s");
        s.put("topic.partitions", "1");
        s.put("anomaly.surge.min-count", "1000000000");
        s.put("kafka.session.timeout.ms", "3000");
        s.put("kafka.heartbeat.interval.ms", "500");
        s.put("kafka.transaction.timeout.ms", "5000");
        // Each lockstep step crosses three repartition hops, each visible only after a commit.
        s.put("commit.interval.ms", "20");
        s.put("kafka.fetch.max.wait.ms", "20");
        // The crash scenarios read output topics, not the query API; two instances on one host would fight for its port.
        s.put("api.enabled", "false");
        for (AlertflowConfig.Setting setting : AlertflowConfig.ALL_SETTINGS) {
            String key = setting.key();
            if (key.startsWith("topic.") && !key.equals("topic.partitions") && !key.equals("topic.replication-factor")) {
                s.put(key, name + "." + setting.defaultValue());
            }
        }
        s.putAll(extra);
        return new StreamsRun(name, dir, s);
    }

    public AlertflowConfig config() {
        return config;
    }

    public Topics topics() {
        return Topics.from(config);
    }

    public String applicationId() {
        return config.applicationId();
    }

    /** Creates every topic of the run (what StreamsMain would do), so inputs can be written before it starts. */
    public void createTopics() {
        Properties admin = new Properties();
        admin.put("bootstrap.servers", config.bootstrapServers());
        config.source().kafkaPassThrough().forEach(admin::put);
        try {
            TopicProvisioner.createMissing(admin, topics().all(), config.topicPartitions(), config.topicReplicationFactor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts one more instance (its own state directory) as a child JVM. */
    public ChildJvm startInstance() {
        return startInstance(instances++);
    }

    /** Starts instance {@code index} with its state directory {@code state-<index>} (reused on restart). */
    public ChildJvm startInstance(int index) {
        Map<String, String> own = new LinkedHashMap<>(settings);
        own.put("state.dir", dir.resolve("state-" + index).toString());
        Path file = dir.resolve(name + "-" + index + ".properties");
        Properties props = new Properties();
        props.putAll(own);
        try (Writer out = Files.newBufferedWriter(file)) {
            props.store(out, "reliability run " + name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return ChildJvm.start(name + "-" + index, StreamsMain.class.getName(), new String[] {file.toString()}, Map.of(),
                dir.resolve(name + "-" + index + ".log"));
    }
}
