package io.alertflow.local.dlq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.avro.DeadLetter;
import io.alertflow.local.EmbeddedKafka;
import io.alertflow.streams.config.AlertflowConfig;
import io.alertflow.streams.topics.Topic;
import io.alertflow.streams.topics.TopicProvisioner;
import io.alertflow.streams.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./alertflow dlq} on a real broker: list and filter dead letters, replay the original bytes to their topic. */
class DeadLetterToolIT {
    @TempDir
    static Path dir;
    static EmbeddedKafka kafka;
    static Topics topics;
    static DeadLetterTool tool;
    static final byte[] BAD_ALERT = "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        AlertflowConfig cfg = AlertflowConfig.of(Map.of("bootstrap.servers", kafka.bootstrapServers(), "schema.registry.url", "mock://dlq-it"));
        topics = Topics.from(cfg);
        TopicProvisioner.createMissing(cfg.streamsProperties(), List.of(topics.alertsDlq(), topics.alertsRaw()), 1, (short) 1);
        Map<String, Object> client = Map.of("bootstrap.servers", kafka.bootstrapServers());
        tool = new DeadLetterTool(client, topics.alertsDlq());
        write(topics.alertsDlq(), letter("deserialize", "alerts.raw", BAD_ALERT, Instant.parse("2026-01-01T10:00:00Z")));
        write(topics.alertsDlq(), letter("validate", "alerts.raw", "fixed".getBytes(StandardCharsets.UTF_8), Instant.parse("2026-01-01T11:00:00Z")));
        write(topics.alertsDlq(), letter("incident", "", null, Instant.parse("2026-01-01T12:00:00Z")));
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    static DeadLetter letter(String stage, String source, byte[] value, Instant at) {
        return DeadLetter.newBuilder().setSourceTopic(source).setPartition(0).setOffset(7).setKey(ByteBuffer.wrap("fp-1".getBytes(StandardCharsets.UTF_8)))
                .setValue(value == null ? null : ByteBuffer.wrap(value)).setStage(stage).setError(stage + " failed").setAt(at).build();
    }

    static void write(Topic<byte[], DeadLetter> topic, DeadLetter letter) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic.name(), "fp-1".getBytes(StandardCharsets.UTF_8),
                    topic.valueSerde().serializer().serialize(topic.name(), letter))).get();
        }
    }

    @Test
    void listsEveryLetterAndFiltersByStageAndTime() {
        assertEquals(3, tool.read(DeadLetterTool.filter(null, null)).size());
        List<DeadLetter> validate = tool.read(DeadLetterTool.filter("validate", null));
        assertEquals(1, validate.size());
        assertEquals(2, tool.read(DeadLetterTool.filter(null, Instant.parse("2026-01-01T11:00:00Z"))).size());
        assertEquals("2026-01-01T11:00:00Z  validate  alerts.raw-0@7  validate failed", DeadLetterTool.describe(validate.get(0)));
    }

    @Test
    void replaySendsTheOriginalBytesBackAndSkipsLettersWithoutASource() throws Exception {
        int sent = tool.replay(tool.read(DeadLetterTool.filter(null, null)));
        assertEquals(2, sent, "the incident letter has no source record");
        List<ConsumerRecord<byte[], byte[]>> raw = readAll(topics.alertsRaw().name(), 2);
        assertArrayEquals("fp-1".getBytes(StandardCharsets.UTF_8), raw.get(0).key());
        assertArrayEquals(BAD_ALERT, raw.get(0).value());
        assertArrayEquals("fixed".getBytes(StandardCharsets.UTF_8), raw.get(1).value());
    }

    static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        assertTrue(out.size() >= expected, "read " + out.size());
        return out;
    }
}
