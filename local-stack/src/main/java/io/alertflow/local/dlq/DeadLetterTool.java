package io.alertflow.local.dlq;

import io.alertflow.avro.DeadLetter;
import io.alertflow.dlq.DeadLetters;
import io.alertflow.streams.topics.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the dead-letter topic up to its current end (committed records only) and, once the cause is fixed,
 * sends chosen letters' original key and value bytes back to the topic they came from: what
 * {@code ./alertflow dlq} runs. Letters without a source topic (a failure inside a timer) cannot be replayed.
 */
public final class DeadLetterTool {
    static final Duration POLL = Duration.ofMillis(500);

    private final Map<String, Object> clientSettings;
    private final Topic<byte[], DeadLetter> dlq;

    /**
     * @param clientSettings bootstrap servers and security settings for the consumer and producer
     * @param dlq the dead-letter topic with its configured value serde
     */
    public DeadLetterTool(Map<String, Object> clientSettings, Topic<byte[], DeadLetter> dlq) {
        this.clientSettings = clientSettings;
        this.dlq = dlq;
    }

    /** A filter on letters: stage (null = any) and earliest time (null = any). */
    public static Predicate<DeadLetter> filter(String stage, Instant since) {
        return letter -> (stage == null || stage.equals(letter.getStage())) && (since == null || !letter.getAt().isBefore(since));
    }

    /** Every letter on the topic now that passes {@code filter}, in partition then offset order. */
    public List<DeadLetter> read(Predicate<DeadLetter> filter) {
        Properties props = new Properties();
        props.putAll(clientSettings);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "alertflow-dlq-" + UUID.randomUUID());
        Deserializer<DeadLetter> values = dlq.valueSerde().deserializer();
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            List<PartitionInfo> infos = consumer.partitionsFor(dlq.name());
            if (infos == null) {
                return letters;
            }
            infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (!reached(consumer, end)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    DeadLetter letter = r.value() == null ? null : values.deserialize(r.topic(), r.value());
                    if (letter != null && filter.test(letter)) {
                        letters.add(letter);
                    }
                }
            }
        }
        return letters;
    }

    /** Sends each letter's original key and value to its source topic; returns how many were sent. */
    public int replay(List<DeadLetter> letters) throws InterruptedException {
        Properties props = new Properties();
        props.putAll(clientSettings);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        int sent = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (DeadLetter letter : replayable(letters)) {
                try {
                    producer.send(new ProducerRecord<>(letter.getSourceTopic(), DeadLetters.originalKey(letter), DeadLetters.originalValue(letter))).get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("cannot write to " + letter.getSourceTopic() + ": " + e.getCause().getMessage(), e.getCause());
                }
                sent++;
            }
        }
        return sent;
    }

    /** Letters that name the topic they came from. */
    static List<DeadLetter> replayable(List<DeadLetter> letters) {
        return letters.stream().filter(l -> l.getSourceTopic() != null && !l.getSourceTopic().isEmpty()).toList();
    }

    /** One line for a person: when, stage, where from, why. */
    public static String describe(DeadLetter l) {
        return l.getAt() + "  " + l.getStage() + "  " + (l.getSourceTopic().isEmpty() ? "(no source record)"
                : l.getSourceTopic() + "-" + l.getPartition() + "@" + l.getOffset()) + "  " + l.getError();
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
