package io.alertflow.reliability.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.EndTransactionMarker;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Transactions are found split when one partition committed what another aborted or never closed. */
class TransactionAuditTest {
    private static final long PID = 16;
    private static final short EPOCH = 249;

    /** How the consumer-offsets partition ends transaction (16, 249), which the output partition commits. */
    enum OffsetsEnd { COMMIT_MARKER, ABORT_MARKER_OF_THE_NEXT_TRANSACTION, NO_MARKER }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("both partitions committed", OffsetsEnd.COMMIT_MARKER, List.of()),
                Arguments.of("offsets aborted by the next transaction's marker (the broker-restart finding)",
                        OffsetsEnd.ABORT_MARKER_OF_THE_NEXT_TRANSACTION,
                        List.of("producer 16 epoch 249: {__consumer_offsets-0=ABORT, run.incidents-0=COMMIT}")),
                Arguments.of("offsets never got a marker", OffsetsEnd.NO_MARKER,
                        List.of("producer 16 epoch 249: {__consumer_offsets-0=OPEN, run.incidents-0=COMMIT}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void findsTransactionsThatEndedDifferentlyAcrossPartitions(String name, OffsetsEnd offsetsEnd, List<String> expected,
                                                               @TempDir Path logDir) throws IOException {
        write(logDir.resolve("run.incidents-0"), data(0, EPOCH), marker(1, EPOCH + 1, ControlRecordType.COMMIT));
        MemoryRecords offsets = data(0, EPOCH);
        switch (offsetsEnd) {
            case COMMIT_MARKER -> write(logDir.resolve("__consumer_offsets-0"), offsets, marker(1, EPOCH + 1, ControlRecordType.COMMIT));
            case ABORT_MARKER_OF_THE_NEXT_TRANSACTION ->
                    write(logDir.resolve("__consumer_offsets-0"), offsets, marker(1, EPOCH + 2, ControlRecordType.ABORT));
            case NO_MARKER -> write(logDir.resolve("__consumer_offsets-0"), offsets);
        }

        List<String> splits = TransactionAudit.splitTransactions(logDir, n -> n.startsWith("run."))
                .stream().map(TransactionAudit.Split::toString).toList();

        assertEquals(expected, splits);
    }

    @Test
    void partitionsOfOtherRunsAreNotRead(@TempDir Path logDir) throws IOException {
        write(logDir.resolve("other.incidents-0"), data(0, EPOCH));
        write(logDir.resolve("run.incidents-0"), data(0, EPOCH), marker(1, EPOCH + 1, ControlRecordType.COMMIT));

        assertEquals(List.of(), TransactionAudit.splitTransactions(logDir, n -> n.startsWith("run.")));
        assertEquals(1, TransactionAudit.splitTransactions(logDir, n -> true).size(), "read together they disagree");
    }

    @Test
    void theDescriptionNamesTheBrokerOnlyWhenATransactionIsSplit(@TempDir Path logDir) throws IOException {
        write(logDir.resolve("run.incidents-0"), data(0, EPOCH), marker(1, EPOCH + 1, ControlRecordType.COMMIT));
        write(logDir.resolve("rel-run-incident-store-changelog-0"), data(0, EPOCH), marker(1, EPOCH + 1, ControlRecordType.COMMIT));
        assertEquals("", TransactionAudit.describe(logDir, "run"));

        write(logDir.resolve("__consumer_offsets-0"), data(0, EPOCH), marker(1, EPOCH + 2, ControlRecordType.ABORT));
        String description = TransactionAudit.describe(logDir, "run");
        assertTrue(description.startsWith("the broker did not end 1 transaction(s) the same way"), description);
        assertTrue(description.contains("rel-run-incident-store-changelog-0=COMMIT"), description);
    }

    private static MemoryRecords data(long offset, short epoch) {
        return MemoryRecords.withTransactionalRecords(offset, Compression.NONE, PID, epoch, 0, 0,
                new SimpleRecord(1L, "key".getBytes(StandardCharsets.UTF_8), "value".getBytes(StandardCharsets.UTF_8)));
    }

    private static MemoryRecords marker(long offset, int epoch, ControlRecordType type) {
        return MemoryRecords.withEndTransactionMarker(offset, 2L, 0, PID, (short) epoch, new EndTransactionMarker(type, 0));
    }

    private static void write(Path partition, MemoryRecords... batches) throws IOException {
        Files.createDirectories(partition);
        try (FileRecords segment = FileRecords.open(partition.resolve("00000000000000000000.log").toFile(), true)) {
            for (MemoryRecords batch : batches) {
                segment.append(batch);
            }
        }
    }
}
