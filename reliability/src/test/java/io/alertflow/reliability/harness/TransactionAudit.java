package io.alertflow.reliability.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.FileLogInputStream.FileChannelRecordBatch;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.Record;

/**
 * Reads a broker's log directory (read-only, from the segment files) and finds transactions that did not end
 * the same way in every partition they wrote to: committed in one partition, aborted or never closed in another.
 *
 * <p>Why: after a broker SIGKILL and restart, a Kafka Streams transaction was once committed on its 13 output
 * and changelog partitions while its consumer-offset commit on {@code __consumer_offsets} never got its COMMIT
 * marker and was closed by the next transaction's ABORT marker: the outputs counted, the input was read again,
 * and the run double-counted (docs/RELIABILITY.md). No application can correct that, so a fault run that
 * differs from the reference says whether the broker broke a transaction before anyone debugs the app.
 *
 * <p>A transaction is identified by producer id and the producer epoch of its data batches; under transaction
 * version 2 (Kafka 4 brokers and clients) every transaction ends with an epoch bump, so the pair is unique.
 * Uses Kafka's internal record classes (the only reader of segment files the client jar has).
 */
public final class TransactionAudit {
    private static final String OFFSETS_TOPIC = "__consumer_offsets";

    private TransactionAudit() {
    }

    /** One transaction and how it ended in each partition: COMMIT, ABORT or OPEN (no marker yet). */
    public record Split(long producerId, short epoch, Map<String, String> endByPartition) {
        @Override
        public String toString() {
            return "producer " + producerId + " epoch " + epoch + ": " + endByPartition;
        }
    }

    /**
     * Transactions of the partitions whose directory name passes {@code partitions} (the consumer offsets are
     * always read) that ended differently across partitions, in producer id and epoch order.
     */
    public static List<Split> splitTransactions(Path logDir, Predicate<String> partitions) {
        Map<Long, Map<Short, Map<String, String>>> ends = new TreeMap<>();
        for (Path partition : partitionDirs(logDir, partitions)) {
            readEnds(partition, ends);
        }
        List<Split> splits = new ArrayList<>();
        ends.forEach((pid, byEpoch) -> byEpoch.forEach((epoch, byPartition) -> {
            if (new HashSet<>(byPartition.values()).size() > 1) {
                splits.add(new Split(pid, epoch, byPartition));
            }
        }));
        return splits;
    }

    /** A line for a failure message: empty when every transaction ended the same way everywhere. */
    public static String describe(Path logDir, String topicPrefix) {
        List<Split> splits = splitTransactions(logDir, name -> name.startsWith(topicPrefix + ".")
                || name.startsWith("rel-" + topicPrefix + "-"));
        if (splits.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("the broker did not end ").append(splits.size())
                .append(" transaction(s) the same way in every partition (a broker fault, not the app's):\n");
        splits.stream().limit(3).forEach(s -> out.append("  ").append(s).append('\n'));
        return out.toString();
    }

    private static List<Path> partitionDirs(Path logDir, Predicate<String> partitions) {
        try (Stream<Path> dirs = Files.list(logDir)) {
            return dirs.filter(Files::isDirectory).filter(d -> {
                String name = d.getFileName().toString();
                return name.startsWith(OFFSETS_TOPIC + "-") || partitions.test(name);
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + logDir, e);
        }
    }

    /** Records, per producer and data epoch, how the partition's transactions ended. */
    private static void readEnds(Path partition, Map<Long, Map<Short, Map<String, String>>> ends) {
        String name = partition.getFileName().toString();
        Map<Long, Set<Short>> open = new HashMap<>();
        for (Path segment : segments(partition)) {
            try (FileRecords records = FileRecords.open(segment.toFile(), false)) {
                for (FileChannelRecordBatch batch : records.batches()) {
                    if (!batch.isTransactional()) {
                        continue;
                    }
                    if (!batch.isControlBatch()) {
                        open.computeIfAbsent(batch.producerId(), p -> new HashSet<>()).add(batch.producerEpoch());
                        continue;
                    }
                    String end = endOf(batch);
                    for (short epoch : open.getOrDefault(batch.producerId(), Set.of())) {
                        endsOf(ends, batch.producerId(), epoch).put(name, end);
                    }
                    open.remove(batch.producerId());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + segment, e);
            }
        }
        open.forEach((pid, epochs) -> epochs.forEach(epoch -> endsOf(ends, pid, epoch).put(name, "OPEN")));
    }

    private static String endOf(FileChannelRecordBatch marker) {
        for (Record r : marker) {
            return ControlRecordType.parse(r.key()).name();
        }
        return "EMPTY_MARKER";
    }

    private static Map<String, String> endsOf(Map<Long, Map<Short, Map<String, String>>> ends, long pid, short epoch) {
        return ends.computeIfAbsent(pid, p -> new TreeMap<>()).computeIfAbsent(epoch, e -> new TreeMap<>());
    }

    private static List<Path> segments(Path partition) {
        try (Stream<Path> files = Files.list(partition)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + partition, e);
        }
    }
}
