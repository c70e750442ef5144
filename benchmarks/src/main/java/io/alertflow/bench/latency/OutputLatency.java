package io.alertflow.bench.latency;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A read_committed consumer of output topics (what a paging consumer sees) that records, for every record
 * stamped at or after {@code from}, the wall-clock delay between the record's timestamp and its arrival.
 * Kafka Streams stamps an output record with the timestamp of the input that caused it, and the input's
 * timestamp is the alert's {@code receivedAt}: the delay is receivedAt → visible downstream.
 */
final class OutputLatency implements Runnable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final long fromMillis;
    private final long untilMillis;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private long[] latencies = new long[1 << 16];
    private int count;

    OutputLatency(String bootstrap, List<String> topics, long fromMillis, long untilMillis) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new java.util.ArrayList<>();
        for (String topic : topics) {
            for (PartitionInfo p : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        this.fromMillis = fromMillis;
        this.untilMillis = untilMillis;
    }

    @Override
    public void run() {
        try {
            while (running.get()) {
                var records = consumer.poll(Duration.ofMillis(50));
                long now = System.currentTimeMillis();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    if (r.timestamp() >= fromMillis && r.timestamp() < untilMillis) {
                        add(now - r.timestamp());
                    }
                }
            }
        } finally {
            consumer.close();
        }
    }

    private void add(long millis) {
        if (count == latencies.length) {
            latencies = java.util.Arrays.copyOf(latencies, count * 2);
        }
        latencies[count++] = millis;
    }

    void stop() {
        running.set(false);
    }

    Percentiles percentiles() {
        return Percentiles.of(java.util.Arrays.copyOf(latencies, count));
    }
}
