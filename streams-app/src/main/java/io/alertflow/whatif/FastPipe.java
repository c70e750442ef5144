package io.alertflow.whatif;

import java.lang.reflect.Field;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.internals.GlobalStateUpdateTask;
import org.apache.kafka.streams.processor.internals.StreamTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pipes records into a {@link TopologyTestDriver}'s task the way {@code pipeInput} does — one input record at a
 * time, processed depth-first until nothing is queued, the produced records on topics the topology reads
 * (repartition and fed-back topics) queued again, in the same order — without two per-record costs that change
 * nothing in what-if's setting:
 *
 * <ul>
 *   <li>{@code pipeInput} checks every routed record's topic against every source topic of the topology by
 *       compiling each name as a regular expression (19 compilations per record for Alertflow's topology, about
 *       12 µs per record, 6× the driver's own floor; see docs/BENCHMARKS.md, "What-if offline run"). Alertflow
 *       subscribes by name only, so the name lookup that follows that check is all that is needed.</li>
 *   <li>{@code pipeInput} commits after every processed record. What-if runs at-least-once, with in-memory stores,
 *       no changelogs and no caches, so a commit changes no output; this commits every {@value #COMMIT_EVERY}
 *       records (by default) and at {@link #flush()}.</li>
 *   <li>The task records an end-to-end latency (wall clock minus record time) into a sensor at the source and at every
 *       terminal node a record reaches, three times for a re-sent alert, about 5 % of a run. A what-if run's record
 *       times are the recording's and its wall clock the driver's mock clock, so nobody reads these figures; the task's
 *       sensors are swapped for one without metrics, which the task skips.</li>
 * </ul>
 *
 * <p>The driver's fields are private, so they are read by reflection, for the Kafka Streams version this build pins.
 * {@link #attach} returns empty (and what-if falls back to {@code pipeInput}) if they are not what it expects;
 * {@code FastPipeTest} fails on such an upgrade, and checks that both ways give the same results.
 */
final class FastPipe {
    private static final Logger LOG = LoggerFactory.getLogger(FastPipe.class);
    /** Records processed between two commits, by default. */
    static final int COMMIT_EVERY = 10_000;
    /** A sensor without metrics: {@code StreamTask.maybeRecordE2ELatency} records only into one that has some. */
    private static final Sensor NO_METRICS = new Metrics().sensor("alertflow-whatif-no-e2e-latency");

    private final StreamTask task;
    private final GlobalStateUpdateTask globalTask;
    private final MockProducer<byte[], byte[]> producer;
    /** The producer's list of sent records, read to skip {@code history()}'s copy when nothing was sent (most records). */
    private final List<?> sent;
    private final MockConsumer<byte[], byte[]> consumer;
    private final Time wallClock;
    private final Map<String, TopicPartition> taskPartitions;
    private final Map<String, TopicPartition> globalPartitions;
    private final Map<TopicPartition, AtomicLong> offsets;
    private final Map<String, Queue<ProducerRecord<byte[], byte[]>>> outputs;
    private final Predicate<String> kept;
    /** Where each produced topic's records go; the producer hands out a new topic String per record, so one lookup. */
    private final Map<String, Route> routes = new HashMap<>();
    private final int commitEvery;
    private int sinceCommit;

    @SuppressWarnings("unchecked")
    private FastPipe(TopologyTestDriver driver, int commitEvery, Predicate<String> kept) throws ReflectiveOperationException {
        if (commitEvery < 1) {
            throw new IllegalArgumentException("commitEvery must be at least 1, got " + commitEvery);
        }
        this.commitEvery = commitEvery;
        this.kept = kept;
        task = (StreamTask) read(driver, "task");
        globalTask = (GlobalStateUpdateTask) read(driver, "globalStateTask");
        producer = (MockProducer<byte[], byte[]>) read(driver, "producer");
        consumer = (MockConsumer<byte[], byte[]>) read(driver, "consumer");
        wallClock = (Time) read(driver, "mockWallClockTime");
        taskPartitions = (Map<String, TopicPartition>) read(driver, "partitionsByInputTopic");
        globalPartitions = (Map<String, TopicPartition>) read(driver, "globalPartitionsByInputTopic");
        offsets = (Map<TopicPartition, AtomicLong>) read(driver, "offsetsByTopicOrPatternPartition");
        outputs = (Map<String, Queue<ProducerRecord<byte[], byte[]>>>) read(driver, "outputRecordsByTopic");
        if (task == null || producer == null || consumer == null || wallClock == null) {
            throw new NoSuchFieldException("the driver has no stream task, producer, consumer or clock");
        }
        Field sentField = MockProducer.class.getDeclaredField("sent");
        sentField.setAccessible(true);
        sent = (List<?>) sentField.get(producer);
        silenceEndToEndLatency(task);
    }

    /** Replaces the task's end-to-end latency sensors (one per source and terminal node) with one that records nothing. */
    @SuppressWarnings("unchecked")
    private static void silenceEndToEndLatency(StreamTask task) throws ReflectiveOperationException {
        Field field = StreamTask.class.getDeclaredField("e2eLatencySensors");
        field.setAccessible(true);
        Map<String, Sensor> sensors = (Map<String, Sensor>) field.get(task);
        sensors.replaceAll((node, sensor) -> NO_METRICS);
    }

    /**
     * The fast way into {@code driver}, or empty (logged once per run) when this Kafka Streams version's driver differs.
     * Only records on topics {@code kept} accepts are left for the driver's output topics: every alert passes the
     * repartition topic at least once, and a record nobody reads would be held until someone drains it.
     */
    static Optional<FastPipe> attach(TopologyTestDriver driver, int commitEvery, Predicate<String> kept) {
        try {
            return Optional.of(new FastPipe(driver, commitEvery, kept));
        } catch (ReflectiveOperationException | ClassCastException e) {
            LOG.warn("what-if: TopologyTestDriver internals differ from the expected ones ({}); piping through "
                    + "pipeInput, which gives the same results more slowly", e.toString());
            return Optional.empty();
        }
    }

    private static Object read(TopologyTestDriver driver, String name) throws ReflectiveOperationException {
        Field field = TopologyTestDriver.class.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(driver);
    }

    /** Pipes one serialized record onto {@code topic} and processes everything it leads to. */
    void pipe(String topic, long timestamp, byte[] key, byte[] value, Headers headers) {
        TopicPartition partition = taskPartitions.get(topic);
        TopicPartition global = globalPartitions.get(topic);
        if (partition == null && global == null) {
            throw new IllegalArgumentException("Unknown topic: " + topic);
        }
        if (partition != null) {
            enqueue(partition, timestamp, key, value, headers);
            processAll();
        }
        if (global != null) {
            updateGlobal(global, timestamp, key, value, headers);
        }
    }

    /** Commits what was processed since the last commit; call before reading results. */
    void flush() {
        refreshPartitions();
        consumer.commitSync(task.prepareCommit(true));
        task.postCommit(true);
        sinceCommit = 0;
        route();
    }

    private void processAll() {
        route();
        long now = wallClock.milliseconds();
        boolean refreshed = false;
        while (task.hasRecordsQueued()) {
            if (!task.isProcessable(now)) {
                if (refreshed) {
                    return;
                }
                refreshPartitions();
                refreshed = true;
                continue;
            }
            task.process(now);
            task.maybePunctuateStreamTime();
            if (++sinceCommit >= commitEvery) {
                flush();
            } else {
                route();
            }
        }
    }

    /**
     * What pipeInput does before every record: resumes paused partitions and reads their lags. Depth-first, a queue
     * holds a few records, far below the bound at which the task pauses a partition, and lags matter only to task
     * idling, which what-if disables; so this runs at each commit, and when the task says it cannot process what it
     * has queued (idling enabled), instead of as one pass over every partition of the task per record.
     */
    private void refreshPartitions() {
        task.resumePollingForPartitionsWithAvailableSpace();
        task.updateLags();
    }

    /** Captures what the task produced; queues again what the topology itself reads. */
    private void route() {
        if (sent.isEmpty()) {
            return;
        }
        List<ProducerRecord<byte[], byte[]>> produced = producer.history();
        producer.clear();
        for (ProducerRecord<byte[], byte[]> record : produced) {
            Route route = routes.computeIfAbsent(record.topic(), this::route);
            if (route.output() != null) {
                route.output().add(record);
            }
            if (route.task() != null) {
                enqueue(route.task(), record.timestamp(), record.key(), record.value(), record.headers());
            }
            if (route.global() != null) {
                updateGlobal(route.global(), record.timestamp(), record.key(), record.value(), record.headers());
            }
        }
    }

    private Route route(String topic) {
        Queue<ProducerRecord<byte[], byte[]>> output = kept.test(topic) ? outputs.computeIfAbsent(topic, t -> new LinkedList<>()) : null;
        return new Route(output, taskPartitions.get(topic), globalPartitions.get(topic));
    }

    /** A produced topic's destinations: the driver's output queue (null when unread), the task, the global task. */
    private record Route(Queue<ProducerRecord<byte[], byte[]>> output, TopicPartition task, TopicPartition global) {
    }

    private void enqueue(TopicPartition partition, long timestamp, byte[] key, byte[] value, Headers headers) {
        task.addRecords(partition, Collections.singleton(consumerRecord(partition, timestamp, key, value, headers)));
    }

    private void updateGlobal(TopicPartition partition, long timestamp, byte[] key, byte[] value, Headers headers) {
        globalTask.update(consumerRecord(partition, timestamp, key, value, headers));
        globalTask.flushState();
    }

    private ConsumerRecord<byte[], byte[]> consumerRecord(TopicPartition partition, long timestamp, byte[] key,
            byte[] value, Headers headers) {
        long offset = offsets.get(partition).getAndIncrement();
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, timestamp, TimestampType.CREATE_TIME,
                key == null ? ConsumerRecord.NULL_SIZE : key.length, value == null ? ConsumerRecord.NULL_SIZE : value.length,
                key, value, headers, Optional.empty());
    }
}
