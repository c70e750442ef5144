package io.alertflow.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.alert.Fingerprint;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertPartitionsTest {

    @Test
    void aKeyIsPlacedWhereTheProducersDefaultPartitionerPutsIt() {
        Random random = new Random(42);
        for (int i = 0; i < 5_000; i++) {
            byte[] key = Fingerprint.of(Map.of("alertname", "A" + random.nextInt(), "service", "s" + i))
                    .getBytes(StandardCharsets.UTF_8);
            int count = 1 + random.nextInt(48);
            int expected = BuiltInPartitioner.partitionForKey(key, count);
            AlertPartitions partitions = new AlertPartitions(count);
            assertTrue(partitions.placedByKey(key, expected), "partition " + expected + " of " + count);
            if (count > 1) {
                assertFalse(partitions.placedByKey(key, (expected + 1 + random.nextInt(count - 1)) % count),
                        "any other partition of " + count);
            }
        }
    }

    @ParameterizedTest(name = "partition {0}")
    @CsvSource({"0", "1", "5", "-1"})
    void unknownCountTrustsTheKeyOnAnyPartition(int partition) {
        assertTrue(AlertPartitions.UNKNOWN.placedByKey("f".getBytes(StandardCharsets.UTF_8), partition));
    }

    @Test
    void aNegativeCountIsRejected() {
        assertEquals("partition count must be 0 (unknown) or positive, got -2",
                assertThrows(IllegalArgumentException.class, () -> new AlertPartitions(-2)).getMessage());
    }
}
