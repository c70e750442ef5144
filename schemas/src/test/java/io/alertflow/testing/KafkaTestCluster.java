package io.alertflow.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node KRaft Kafka broker (combined broker and controller) running in this JVM, for integration
 * tests. Start one per test class ({@code @BeforeAll start()}, {@code @AfterAll close()}): it takes ~2-4 s.
 *
 * <p>Modules using it need {@code org.apache.kafka:kafka-test-common-runtime} and {@code kafka_2.13} as test
 * dependencies (test-scoped dependencies of the schemas test-jar are not inherited).
 */
public final class KafkaTestCluster implements AutoCloseable {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaClusterTestKit cluster;
    private final Admin admin;

    private KafkaTestCluster(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
        this.admin = cluster.admin();
    }

    /** Formats and starts the broker and waits until it accepts clients. */
    public static KafkaTestCluster start() {
        KafkaClusterTestKit cluster = null;
        try {
            cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                    .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new KafkaTestCluster(cluster);
        } catch (Exception e) {
            if (cluster != null) {
                try {
                    cluster.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new IllegalStateException("Could not start the in-process Kafka broker: " + e.getMessage(), e);
        }
    }

    /** The {@code bootstrap.servers} value for clients. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** An admin client of this cluster; closed with the cluster. */
    public Admin admin() {
        return admin;
    }

    /** Creates topics with one partition each and waits until they exist. */
    public void createTopics(String... topics) {
        List<NewTopic> newTopics = new ArrayList<>();
        for (String topic : topics) {
            newTopics.add(new NewTopic(topic, 1, (short) 1));
        }
        createTopics(newTopics);
    }

    /** Creates topics as given (partitions, configs such as cleanup.policy=compact) and waits until they exist. */
    public void createTopics(Collection<NewTopic> topics) {
        try {
            admin.createTopics(topics).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not create topics " + topics + ": " + e.getMessage(), e);
        }
    }

    /** Producer settings for this cluster: acks=all, idempotent, no lingering. */
    public Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return config;
    }

    /** Consumer settings for this cluster: a fresh group reading from the beginning, read_committed. */
    public Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return config;
    }

    /** Writes {@code records} and waits until Kafka acknowledged every one. */
    public <K, V> void produce(Serializer<K> keySerializer, Serializer<V> valueSerializer,
                               List<ProducerRecord<K, V>> records) {
        try (KafkaProducer<K, V> producer = new KafkaProducer<>(producerConfig(), keySerializer, valueSerializer)) {
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            for (ProducerRecord<K, V> record : records) {
                acks.add(producer.send(record));
            }
            for (java.util.concurrent.Future<?> ack : acks) {
                ack.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not produce to Kafka: " + e.getMessage(), e);
        }
    }

    /** Reads {@code topic} from the beginning until {@code count} records arrived (or fails after 30 s). */
    public <K, V> List<ConsumerRecord<K, V>> consume(String topic, Deserializer<K> keyDeserializer,
                                                     Deserializer<V> valueDeserializer, int count) {
        return consume(topic, keyDeserializer, valueDeserializer, count, DEFAULT_TIMEOUT);
    }

    /** Reads {@code topic} from the beginning until {@code count} records arrived or {@code timeout} passed. */
    public <K, V> List<ConsumerRecord<K, V>> consume(String topic, Deserializer<K> keyDeserializer,
                                                     Deserializer<V> valueDeserializer, int count, Duration timeout) {
        List<ConsumerRecord<K, V>> received = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(consumerConfig(), keyDeserializer,
                valueDeserializer)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (received.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }
        if (received.size() < count) {
            throw new AssertionError("Expected " + count + " records on " + topic + " within " + timeout
                    + " but got " + received.size());
        }
        return received;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop the in-process Kafka broker: " + e.getMessage(), e);
        }
    }
}
