package io.alertflow.validation;

import static io.alertflow.streams.TopologyFixture.firing;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.alert.Fingerprint;
import io.alertflow.avro.AlertChange;
import io.alertflow.avro.DeadLetter;
import io.alertflow.avro.RawAlert;
import io.alertflow.dlq.DeadLetters;
import io.alertflow.streams.TopologyFixture;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValidationTopologyTest {
    private static final Instant T0 = Instant.parse("2025-06-10T10:00:00Z");
    private static final Map<String, String> LABELS = Map.of("alertname", "HighLatency", "service", "checkout-api");

    @TempDir
    Path stateDir;

    /** Turns the Confluent-framed bytes of a valid alert into the bad bytes of one case. */
    static Stream<Arguments> badRecords() {
        return Stream.of(
                Arguments.of("garbage bytes", (Function<byte[], byte[]>) good -> "not avro at all".getBytes(StandardCharsets.UTF_8),
                        "deserialize"),
                Arguments.of("wrong magic byte", (Function<byte[], byte[]>) good -> {
                    byte[] b = good.clone();
                    b[0] = 1;
                    return b;
                }, "deserialize"),
                Arguments.of("unknown schema id", (Function<byte[], byte[]>) good -> {
                    byte[] b = good.clone();
                    ByteBuffer.wrap(b).putInt(1, 987_654);
                    return b;
                }, "deserialize"),
                Arguments.of("truncated Avro", (Function<byte[], byte[]>) good -> Arrays.copyOf(good, 12), "deserialize"),
                Arguments.of("empty value", (Function<byte[], byte[]>) good -> new byte[0], "deserialize"),
                Arguments.of("missing alertname", null, "validate"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRecords")
    void aBadRecordLandsInTheDlqWithItsBytesAndTheNextGoodRecordIsProcessed(String name, Function<byte[], byte[]> corrupt,
                                                                           String stage) {
        try (TopologyFixture f = new TopologyFixture(stateDir, T0)) {
            byte[] bad;
            if (corrupt == null) {
                Map<String, String> labels = new HashMap<>(LABELS);
                labels.remove("alertname");
                bad = f.topics.alertsRaw().valueSerde().serializer().serialize(f.topics.alertsRaw().name(), firing(labels, T0));
            } else {
                byte[] good = f.topics.alertsRaw().valueSerde().serializer().serialize(f.topics.alertsRaw().name(), firing(LABELS, T0));
                bad = corrupt.apply(good);
            }
            byte[] key = "k-1".getBytes(StandardCharsets.UTF_8);
            f.rawBytes.pipeInput(key, bad, T0);
            RawAlert next = firing(LABELS, T0.plusSeconds(1));
            f.alerts.pipeInput(Fingerprint.of(LABELS), next, T0.plusSeconds(1));

            List<DeadLetter> letters = f.dlq.readValuesToList();
            assertEquals(1, letters.size());
            DeadLetter letter = letters.get(0);
            assertEquals(stage, letter.getStage());
            assertEquals("alerts.raw", letter.getSourceTopic());
            assertEquals(0, letter.getOffset());
            assertArrayEquals(key, DeadLetters.originalKey(letter));
            assertArrayEquals(bad, bytes(letter.getValue()));
            assertTrue(letter.getError().length() > 20 && !letter.getError().contains("Exception:"), letter.getError());
            if (corrupt == null) {
                assertTrue(letter.getError().contains("alertname"), letter.getError());
            }
            List<AlertChange> changes = f.changes.readValuesToList();
            assertEquals(1, changes.size(), "the next good record is still processed");
            assertEquals(Fingerprint.of(LABELS), changes.get(0).getFingerprint());
        }
    }

    /**
     * The driver reads every record from partition 0. With four partitions known, an alert keyed by its fingerprint
     * stays in place only if that key's default partition is 0; otherwise it goes through the repartition topic
     * (as an unkeyed alert does) and still becomes one FIRED change.
     */
    @ParameterizedTest(name = "keyed on its own partition: {0}")
    @ValueSource(booleans = {true, false})
    void aKeyedAlertOnAnotherPartitionThanItsKeysIsRepartitioned(boolean onItsPartition) {
        AlertPartitions partitions = new AlertPartitions(4);
        Map<String, String> labels = labelsWhosePartitionIsZero(partitions.count(), onItsPartition);
        try (TopologyFixture f = new TopologyFixture(stateDir, T0, Map.of(), partitions)) {
            f.alerts.pipeInput(Fingerprint.of(labels), firing(labels, T0), T0);
            f.alerts.pipeInput(Fingerprint.of(labels), firing(labels, T0.plusSeconds(30)), T0.plusSeconds(30));

            String repartition = f.cfg.streamsProperties().get("application.id") + "-" + Validation.REPARTITION + "-repartition";
            assertEquals(!onItsPartition, f.driver.producedTopicNames().contains(repartition), f.driver.producedTopicNames().toString());
            List<AlertChange> changes = f.changes.readValuesToList();
            assertEquals(1, changes.size(), "two notifications are one FIRED change");
            assertEquals(Fingerprint.of(labels), changes.get(0).getFingerprint());
        }
    }

    /** Labels whose fingerprint Kafka's default partitioner puts (or, if not {@code zero}, does not put) on partition 0. */
    private static Map<String, String> labelsWhosePartitionIsZero(int count, boolean zero) {
        for (int i = 0; i < 1_000; i++) {
            Map<String, String> labels = Map.of("alertname", "HighLatency", "service", "api-" + i);
            if ((BuiltInPartitioner.partitionForKey(Fingerprint.of(labels).getBytes(StandardCharsets.UTF_8), count) == 0) == zero) {
                return labels;
            }
        }
        throw new AssertionError("no service among 1,000 whose fingerprint is " + (zero ? "" : "not ") + "on partition 0");
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
