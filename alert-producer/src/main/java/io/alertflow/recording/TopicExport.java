package io.alertflow.recording;

import io.alertflow.json.RecordingLine;
import io.alertflow.json.RecordingWriter;
import io.alertflow.serde.ConfluentAvroDeserializer;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads input topics of a running cluster between two times and writes them as a recording (SPEC §5): each
 * partition from the first offset at or after {@code from} ({@code offsetsForTimes}) up to the end offset seen
 * when the export started (read_committed, so aborted transactions never appear), so the export terminates
 * while producers keep writing. Records are decoded with the Confluent-wire-format serde and written under
 * their SPEC topic names in timestamp order (ties: topic, partition, offset).
 *
 * <p>The selected records are held in memory to be sorted (about 1 KB each).
 */
public final class TopicExport {
    private static final Duration POLL = Duration.ofMillis(200);

    private final Map<String, Object> consumerConfig;
    private final Map<String, ?> serdeConfig;
    private final PrintWriter log;

    /**
     * How many records were written per topic, and how many could not be decoded (each named on the log).
     *
     * @param written records written, by SPEC topic name
     * @param undecodable records skipped because their bytes did not decode
     */
    public record Summary(Map<String, Long> written, long undecodable) {
    }

    /** One topic to export: its SPEC name (written to the recording), its name on the cluster and its type. */
    public record Source(String specName, String clusterName, Class<? extends SpecificRecord> type) {
    }

    public TopicExport(Map<String, Object> consumerConfig, Map<String, ?> serdeConfig, PrintWriter log) {
        this.consumerConfig = new HashMap<>(consumerConfig);
        this.consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG); // assign(), no group: nothing is committed
        this.serdeConfig = serdeConfig;
        this.log = log;
    }

    /** Exports records with {@code from <= timestamp < to} of every source to {@code out}. */
    public Summary export(List<Source> sources, Instant from, Instant to, RecordingWriter out) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("--from (" + from + ") must be before --to (" + to + ")");
        }
        List<Selected> selected = new ArrayList<>();
        long[] undecodable = {0};
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            for (int order = 0; order < sources.size(); order++) {
                Source source = sources.get(order);
                ConfluentAvroDeserializer<? extends SpecificRecord> values = new ConfluentAvroDeserializer<>(source.type());
                values.configure(serdeConfig, false);
                int topicOrder = order;
                readTopic(consumer, source, from, to, r -> {
                    try {
                        SpecificRecord value = values.deserialize(r.topic(), r.value());
                        String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
                        selected.add(new Selected(new RecordingLine(source.specName(), r.timestamp(), key, value), topicOrder,
                                r.partition(), r.offset()));
                    } catch (RuntimeException e) {
                        undecodable[0]++;
                        log.println("export: skipped " + r.topic() + "-" + r.partition() + "@" + r.offset()
                                + ": cannot decode it (" + e.getMessage() + ")");
                    }
                });
            }
        }
        selected.sort(Comparator.comparingLong((Selected s) -> s.line.timestamp()).thenComparingInt(Selected::topicOrder)
                .thenComparingInt(Selected::partition).thenComparingLong(Selected::offset));
        Map<String, Long> written = new LinkedHashMap<>();
        sources.forEach(s -> written.put(s.specName(), 0L));
        for (Selected s : selected) {
            out.write(s.line);
            written.merge(s.line.topic(), 1L, Long::sum);
        }
        log.flush();
        return new Summary(written, undecodable[0]);
    }

    private record Selected(RecordingLine line, int topicOrder, int partition, long offset) {
    }

    private void readTopic(KafkaConsumer<byte[], byte[]> consumer, Source source, Instant from, Instant to,
                           java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        List<PartitionInfo> infos = consumer.partitionsFor(source.clusterName());
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException("topic '" + source.clusterName() + "' does not exist on the cluster");
        }
        List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, from.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query);
        Map<TopicPartition, Long> remaining = new HashMap<>();
        Map<TopicPartition, Long> firsts = new HashMap<>();
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp start = starts.get(tp);
            long end = ends.get(tp);
            if (start != null && start.offset() < end) {
                firsts.put(tp, start.offset());
                remaining.put(tp, end);
            }
        }
        consumer.assign(remaining.keySet());
        firsts.forEach(consumer::seek);
        while (!remaining.isEmpty()) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                Long end = remaining.get(tp);
                if (end != null && r.offset() < end && r.timestamp() >= from.toEpochMilli() && r.timestamp() < to.toEpochMilli()) {
                    sink.accept(r);
                }
            }
            // Positions, not records, decide the end: transaction markers and aborted records occupy offsets too.
            remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            consumer.assign(remaining.keySet());
        }
    }
}
