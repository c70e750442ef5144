package io.alertflow.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.RawAlert;
import io.alertflow.testing.KafkaTestCluster;
import io.alertflow.testing.SampleRecords;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RawAlerts travel through a real KRaft broker in the Confluent wire format and come back equal. */
class KafkaSerdeIT {

    private static final String SCOPE = "kafka-serde-it";
    private static final Map<String, Object> SERDE_CONFIG = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE);
    private static KafkaTestCluster kafka;

    @BeforeAll
    static void startKafka() {
        kafka = KafkaTestCluster.start();
        kafka.createTopics("alerts.raw", "services", "alerts.mixed");
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
        MockSchemaRegistry.drop(SCOPE);
    }

    @Test
    void shouldProduceAndConsumeRawAlertsThroughTheSerde() {
        List<ProducerRecord<String, RawAlert>> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            RawAlert alert = RawAlert.newBuilder(SampleRecords.rawAlert())
                    .setFingerprint(String.format("%016x", i))
                    .setStatus(i % 2 == 0 ? AlertStatus.FIRING : AlertStatus.RESOLVED)
                    .setReceivedAt(SampleRecords.T0.plusSeconds(i))
                    .build();
            sent.add(new ProducerRecord<>("alerts.raw", alert.getFingerprint(), alert));
        }
        ConfluentAvroSerde<RawAlert> serde = new ConfluentAvroSerde<>(RawAlert.class, SERDE_CONFIG, false);

        kafka.produce(new StringSerializer(), serde.serializer(), sent);
        List<ConsumerRecord<String, RawAlert>> received =
                kafka.consume("alerts.raw", new StringDeserializer(), serde.deserializer(), sent.size());

        for (int i = 0; i < sent.size(); i++) {
            assertEquals(sent.get(i).key(), received.get(i).key());
            assertEquals(sent.get(i).value(), received.get(i).value());
        }
    }

    @Test
    void shouldCarryTombstonesAsNull() {
        ConfluentAvroSerde<RawAlert> serde = new ConfluentAvroSerde<>(RawAlert.class, SERDE_CONFIG, false);
        kafka.produce(new StringSerializer(), serde.serializer(),
                List.of(new ProducerRecord<>("services", "checkout-api", null)));

        ConsumerRecord<String, RawAlert> tombstone =
                kafka.consume("services", new StringDeserializer(), serde.deserializer(), 1).get(0);

        assertEquals("checkout-api", tombstone.key());
        assertNull(tombstone.value());
    }

    @Test
    void shouldRecogniseForeignBytesOnTheTopicAsNotConfluentAvro() {
        ConfluentAvroSerde<RawAlert> serde = new ConfluentAvroSerde<>(RawAlert.class, SERDE_CONFIG, false);
        byte[] good = serde.serializer().serialize("alerts.mixed", SampleRecords.rawAlert());
        byte[] json = "{\"labels\":{\"alertname\":\"x\"}}".getBytes(StandardCharsets.UTF_8);
        kafka.produce(new ByteArraySerializer(), new ByteArraySerializer(),
                List.of(new ProducerRecord<>("alerts.mixed", good), new ProducerRecord<>("alerts.mixed", json)));

        List<ConsumerRecord<byte[], byte[]>> raw =
                kafka.consume("alerts.mixed", new ByteArrayDeserializer(), new ByteArrayDeserializer(), 2);

        assertEquals(SampleRecords.rawAlert(), serde.deserializer().deserialize("alerts.mixed", raw.get(0).value()));
        SerializationException error = assertThrows(SerializationException.class,
                () -> serde.deserializer().deserialize("alerts.mixed", raw.get(1).value()));
        assertTrue(error.getMessage().contains("0x7b"), error.getMessage());
    }
}
