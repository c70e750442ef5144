package io.alertflow.reliability.harness;

import io.alertflow.avro.RawAlert;
import io.alertflow.serde.ConfluentAvroSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;

/** Reads back everything on an {@code alerts.raw} topic (every partition, from the beginning to the current end). */
public final class RawAlertsTopic {
    private final Map<String, Object> client;
    private final Map<String, Object> serde;
    private final String topic;

    /**
     * @param client consumer settings besides deserializers and isolation (bootstrap, security)
     * @param registryUrl the schema registry
     * @param topic the topic to read
     */
    public RawAlertsTopic(Map<String, Object> client, String registryUrl, String topic) {
        this(client, Map.of("schema.registry.url", registryUrl), topic);
    }

    /** Like the main constructor, with full registry client settings (e.g. basic auth). */
    public RawAlertsTopic(Map<String, Object> client, Map<String, Object> serde, String topic) {
        this.client = client;
        this.serde = serde;
        this.topic = topic;
    }

    /** How many records carry each alertname, read with {@code read_committed} or {@code read_uncommitted}. */
    public Map<String, Integer> countsByAlertname(boolean readCommitted) {
        Map<String, Integer> counts = new HashMap<>();
        readAll(readCommitted).forEach(a -> counts.merge(a.getLabels().get("alertname"), 1, Integer::sum));
        return counts;
    }

    /** The value of {@code label} of the first record with that alertname; null when none. */
    public String labelValue(String alertname, String label) {
        return readAll(true).stream().filter(a -> alertname.equals(a.getLabels().get("alertname")))
                .map(a -> a.getLabels().get(label)).findFirst().orElse(null);
    }

    /** Every record, in partition order. */
    public List<RawAlert> readAll(boolean readCommitted) {
        Map<String, Object> c = new HashMap<>(client);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
        List<RawAlert> out = new ArrayList<>();
        try (ConfluentAvroSerde<RawAlert> values = new ConfluentAvroSerde<>(RawAlert.class, serde, false);
             KafkaConsumer<String, RawAlert> consumer = new KafkaConsumer<>(c, Serdes.String().deserializer(), values.deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end within 60 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(r.value()));
            }
        }
        return out;
    }
}
