package io.alertflow.dlq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.avro.DeadLetter;
import io.alertflow.avro.Service;
import io.alertflow.streams.config.AlertflowConfig;
import io.alertflow.streams.topics.Topics;
import io.alertflow.testing.SampleRecords;
import java.nio.ByteBuffer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Named;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exception handlers configured by {@link AlertflowConfig#streamsProperties()} dead-letter what a typed
 * source cannot read and what a processor throws on, and the thread carries on with the next record.
 */
class DeadLetterHandlersTest {
    private static final String OUT = "test.services.out";

    @TempDir
    Path stateDir;
    TopologyTestDriver driver;
    Topics topics;
    TestInputTopic<byte[], byte[]> rawServices;
    TestInputTopic<String, Service> services;
    TestOutputTopic<String, Service> out;
    TestOutputTopic<byte[], DeadLetter> dlq;
    Properties props;

    @BeforeEach
    void start() {
        AlertflowConfig cfg = AlertflowConfig.of(Map.of("schema.registry.url", "mock://" + UUID.randomUUID(),
                "state.dir", stateDir.toString()));
        topics = Topics.from(cfg);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topics.services().name(), topics.services().consumed("services-source"))
                .mapValues(s -> {
                    if (s.getName().equals("boom")) {
                        throw new IllegalStateException("cannot handle service boom");
                    }
                    return s;
                }, Named.as("explode"))
                .to(OUT, org.apache.kafka.streams.kstream.Produced.with(Serdes.String(), topics.services().valueSerde()));
        props = cfg.streamsProperties();
        driver = new TopologyTestDriver(builder.build(), props, Instant.parse("2025-06-10T10:00:00Z"));
        rawServices = driver.createInputTopic(topics.services().name(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
        services = driver.createInputTopic(topics.services().name(), Serdes.String().serializer(), topics.services().valueSerde().serializer());
        out = driver.createOutputTopic(OUT, Serdes.String().deserializer(), topics.services().valueSerde().deserializer());
        dlq = driver.createOutputTopic(topics.alertsDlq().name(), Serdes.ByteArray().deserializer(),
                topics.alertsDlq().valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void anUndeserializableInputBecomesADeadLetterRecordAndProcessingResumes() {
        // Called directly: TopologyTestDriver 4.3 does not forward dead-letter records of deserialization errors.
        byte[] key = "svc".getBytes(StandardCharsets.UTF_8);
        byte[] garbage = {0, 0, 0, 0, 42, 1, 2, 3};
        DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
        Map<String, Object> configs = new java.util.HashMap<>();
        props.forEach((k, v) -> configs.put((String) k, v));
        handler.configure(configs);
        Exception error = new org.apache.kafka.common.errors.SerializationException("Schema id 42 not found");
        DeserializationExceptionHandler.Response response = handler.handleError(context("services", key, garbage),
                new ConsumerRecord<>("services", 2, 17L, key, garbage), error);

        assertEquals(DeserializationExceptionHandler.Result.RESUME, response.result());
        assertEquals(1, response.deadLetterQueueRecords().size());
        ProducerRecord<byte[], byte[]> record = response.deadLetterQueueRecords().get(0);
        assertEquals("alerts.dlq", record.topic());
        assertArrayEquals(key, record.key());
        DeadLetter letter = topics.alertsDlq().valueSerde().deserializer().deserialize("alerts.dlq", record.value());
        assertEquals("deserialize", letter.getStage());
        assertEquals("services", letter.getSourceTopic());
        assertEquals(2, letter.getPartition());
        assertEquals(17L, letter.getOffset());
        assertArrayEquals(garbage, bytes(letter.getValue()));
        assertTrue(letter.getError().startsWith("cannot deserialize the record from services: Schema id 42 not found"),
                letter.getError());
    }

    static ErrorHandlerContext context(String topic, byte[] key, byte[] value) {
        return new ErrorHandlerContext() {
            public String topic() { return topic; }
            public int partition() { return 2; }
            public long offset() { return 17L; }
            public Headers headers() { return new RecordHeaders(); }
            public String processorNodeId() { return "services-source"; }
            public TaskId taskId() { return new TaskId(0, 2); }
            public long timestamp() { return 0L; }
            public byte[] sourceRawKey() { return key; }
            public byte[] sourceRawValue() { return value; }
        };
    }

    @Test
    void aProcessingErrorIsDeadLetteredWithTheFailingProcessorAndTheNextRecordProcessed() {
        Service boom = Service.newBuilder(SampleRecords.service()).setName("boom").build();
        services.pipeInput("boom", boom);
        services.pipeInput("checkout", SampleRecords.service());

        List<DeadLetter> letters = dlq.readValuesToList();
        assertEquals(1, letters.size());
        assertEquals("explode", letters.get(0).getStage());
        assertTrue(letters.get(0).getError().contains("cannot handle service boom"), letters.get(0).getError());
        assertEquals(1, out.readValuesToList().size());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] b = new byte[copy.remaining()];
        copy.get(b);
        return b;
    }
}
