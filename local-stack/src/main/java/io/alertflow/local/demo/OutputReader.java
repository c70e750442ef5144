package io.alertflow.local.demo;

import io.alertflow.avro.Anomaly;
import io.alertflow.avro.DeadLetter;
import io.alertflow.avro.Incident;
import io.alertflow.avro.IncidentMetrics;
import io.alertflow.avro.NoiseReport;
import io.alertflow.avro.Page;
import io.alertflow.avro.SuppressedAlert;
import io.alertflow.streams.topics.Topic;
import io.alertflow.streams.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the output topics (and counts {@code alerts.raw}) from the beginning, as a paging consumer or a
 * dashboard would — committed records only — into a {@link DemoOutcome}, on its own thread, telling a
 * {@link Listener} about each record as it arrives.
 */
public final class OutputReader implements AutoCloseable {
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(15);

    /** Hears about output records as they arrive (the demo prints them as progress). */
    public interface Listener {
        default void incident(Incident previous, Incident current) {
        }

        default void page(Page page) {
        }

        default void anomaly(Anomaly anomaly) {
        }

        default void suppressed(SuppressedAlert alert) {
        }

        default void deadLetter(DeadLetter deadLetter) {
        }
    }

    private final DemoOutcome outcome = new DemoOutcome();
    private final Map<String, Consumer<ConsumerRecord<byte[], byte[]>>> handlers = new HashMap<>();
    private final Properties props;
    private final Listener listener;
    private final Thread thread;
    private volatile boolean draining;
    private volatile boolean stop;
    private volatile RuntimeException failure;

    private OutputReader(String bootstrapServers, Topics topics, Listener listener) {
        this.listener = listener;
        this.props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "alertflow-demo-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        handle(topics.incidents(), (key, incident) -> listener.incident(outcome.incident(incident), incident));
        handle(topics.pages(), (key, page) -> {
            outcome.page(page);
            listener.page(page);
        });
        handle(topics.incidentMetrics(), (key, m) -> outcome.metrics(m));
        handle(topics.alertsSuppressed(), (key, s) -> {
            outcome.suppressed(s);
            listener.suppressed(s);
        });
        handle(topics.anomalies(), (key, a) -> {
            outcome.anomaly(a);
            listener.anomaly(a);
        });
        handle(topics.alertsDlq(), (key, d) -> {
            outcome.deadLetter(d);
            listener.deadLetter(d);
        });
        handle(topics.alertsNoise(), outcome::noise);
        handlers.put(topics.alertsRaw().name(), r -> outcome.alertIn());
        this.thread = new Thread(this::run, "alertflow-demo-reader");
        thread.setDaemon(true);
    }

    /** Starts reading every output topic of {@code topics} from the beginning. */
    public static OutputReader start(String bootstrapServers, Topics topics, Listener listener) {
        OutputReader reader = new OutputReader(bootstrapServers, topics, listener);
        reader.thread.start();
        return reader;
    }

    private <K, V> void handle(Topic<K, V> topic, java.util.function.BiConsumer<K, V> onRecord) {
        Deserializer<K> keys = topic.keySerde().deserializer();
        Deserializer<V> values = topic.valueSerde().deserializer();
        handlers.put(topic.name(), r -> {
            V value = r.value() == null ? null : values.deserialize(r.topic(), r.value());
            if (value != null) {
                onRecord.accept(r.key() == null ? null : keys.deserialize(r.topic(), r.key()), value);
            }
        });
    }

    /** Reads up to the records committed now, then stops; returns what was read. */
    public DemoOutcome drain() throws InterruptedException {
        draining = true;
        thread.join(DRAIN_TIMEOUT.toMillis());
        if (thread.isAlive()) {
            stop = true;
            thread.join();
        }
        if (failure != null) {
            throw failure;
        }
        return outcome;
    }

    /** What has been read so far. */
    public DemoOutcome outcome() {
        return outcome;
    }

    private void run() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> targets = null;
            while (!stop) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    handlers.get(r.topic()).accept(r);
                }
                if (draining && targets == null) {
                    targets = consumer.endOffsets(partitions);
                }
                if (targets != null && reached(consumer, targets)) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : handlers.keySet()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            if (infos != null) {
                infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
        }
        return partitions;
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> targets) {
        for (Map.Entry<TopicPartition, Long> t : targets.entrySet()) {
            if (consumer.position(t.getKey()) < t.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join(5_000);
    }
}
