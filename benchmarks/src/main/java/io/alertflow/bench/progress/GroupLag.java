package io.alertflow.bench.progress;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a consumer group's committed offsets against the last stable offsets of the partitions it reads:
 * how the benchmarks decide that an application "has consumed everything" without touching it.
 */
public final class GroupLag implements AutoCloseable {
    private final Admin admin;

    public GroupLag(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        admin = Admin.create(props);
    }

    /** One look at a group: records committed on {@code inputTopic}, its end, and the lag elsewhere. */
    public record Snapshot(long nanos, long inputCommitted, long inputEnd, long inputLag, long otherLag, int otherPartitions) {
        /** Input fully committed and at most one record (a transaction marker) left on each internal partition. */
        public boolean caughtUp() {
            return inputLag == 0 && otherLag <= otherPartitions;
        }
    }

    /** Committed offsets and lag of {@code groupId}; {@code inputEnds} are the input's end offsets (fixed during a run). */
    public Snapshot snapshot(String groupId, String inputTopic, Map<TopicPartition, Long> inputEnds)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get();
        long now = System.nanoTime();
        Map<TopicPartition, Long> others = new HashMap<>();
        long inputCommitted = 0;
        for (var e : committed.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            if (e.getKey().topic().equals(inputTopic)) {
                inputCommitted += e.getValue().offset();
            } else {
                others.put(e.getKey(), e.getValue().offset());
            }
        }
        long inputEnd = inputEnds.values().stream().mapToLong(Long::longValue).sum();
        long otherLag = 0;
        if (!others.isEmpty()) {
            Map<TopicPartition, Long> ends = endOffsets(others.keySet());
            for (var e : others.entrySet()) {
                otherLag += Math.max(0, ends.get(e.getKey()) - e.getValue());
            }
        }
        return new Snapshot(now, inputCommitted, inputEnd, inputEnd - inputCommitted, otherLag, others.size());
    }

    /** Last stable offsets (what a read_committed consumer can reach) of every partition of {@code topic}. */
    public Map<TopicPartition, Long> endOffsets(String topic) throws ExecutionException, InterruptedException {
        int partitions = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        Map<TopicPartition, Long> out = new HashMap<>();
        java.util.Set<TopicPartition> tps = new java.util.HashSet<>();
        for (int p = 0; p < partitions; p++) {
            tps.add(new TopicPartition(topic, p));
        }
        out.putAll(endOffsets(tps));
        return out;
    }

    /** The sum of the end offsets of {@code topic}: how many records it holds (plus transaction markers). */
    public long size(String topic) throws ExecutionException, InterruptedException {
        return endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
    }

    private Map<TopicPartition, Long> endOffsets(java.util.Set<TopicPartition> partitions) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> out = new HashMap<>();
        admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                .forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    public Admin admin() {
        return admin;
    }

    @Override
    public void close() {
        admin.close();
    }
}
