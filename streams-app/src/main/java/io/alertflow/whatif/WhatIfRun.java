package io.alertflow.whatif;

import io.alertflow.avro.RawAlert;
import io.alertflow.json.RecordingLine;
import io.alertflow.streams.AlertflowTopology;
import io.alertflow.streams.config.AlertflowConfig;
import io.alertflow.streams.topics.Handoff;
import io.alertflow.streams.topics.Topic;
import io.alertflow.streams.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;

/**
 * Runs the production topology offline over a recording: a {@link TopologyTestDriver} in stream-time mode
 * (no broker, a private {@code mock://} registry, a fresh state directory deleted afterwards), the recorded
 * records piped in timestamp order (through {@link FastPipe}, which skips the driver's per-record costs that change
 * no result), and every output topic read into a {@link RunResult}.
 *
 * <p><b>Clock.</b> The driver runs the whole topology as one task, so one stream time drives every timer
 * (stale alerts, window ends, escalations, observation windows): the highest record timestamp seen. To make
 * timers fire when they would in the live (wall-clock) pipeline, at most one {@code tick} late, even across
 * gaps in the recording, the run pipes an empty record onto a private clock topic ({@value #CLOCK_TOPIC}, read
 * by a no-op processor added to the topology) at every {@code tick} between two recorded records, and keeps
 * ticking for {@code drain} after the last one so that observation windows and escalations still due can
 * fire. The clock topic is the cleanest lever: {@code advanceWallClockTime} does not move stream time, and a
 * record on a real input topic would be processed as input.
 *
 * <p><b>Feedback.</b> Records the topology writes to topics it also reads (alerts.synthetic,
 * maintenance.windows.valid, incident.index) are fed back by the driver itself, in order; the run must not
 * pipe them again (they would be processed twice). {@code WhatIfRunTest} checks each of the three.
 */
public final class WhatIfRun {
    /** The private topic whose empty records move stream time; never a real topic. */
    public static final String CLOCK_TOPIC = "alertflow.whatif.clock";
    /** Settings the run always overrides: what makes it offline and deterministic. */
    public static final java.util.Set<String> FORCED = java.util.Set.of("timers.mode", "state.dir", "schema.registry.url",
            "processing.guarantee", "application.id", "bootstrap.servers", "state.stores", "state.changelogs");
    /** How many input records between two reads of the output queues (bounds the driver's memory). */
    private static final int COLLECT_EVERY = 1024;

    private final Options options;
    /** Records {@link FastPipe} processes between commits; {@link #PIPE_INPUT} pipes through the driver's pipeInput. */
    private final int commitEvery;
    /** A {@code commitEvery} that pipes every record through {@code TopologyTestDriver.pipeInput} (for comparisons). */
    static final int PIPE_INPUT = 0;
    /** The store engine ({@code state.stores}): heap, or in-memory byte stores for comparisons. */
    private final String stateStores;

    /**
     * How time moves.
     *
     * @param tick the clock step between records; null uses the configuration's {@code timers.interval}
     * @param drain how long the clock runs on after the last record
     */
    public record Options(Duration tick, Duration drain) {
        public Options {
            if (tick != null && (tick.isNegative() || tick.isZero())) {
                throw new IllegalArgumentException("tick must be positive, got " + tick);
            }
            if (drain == null || drain.isNegative()) {
                throw new IllegalArgumentException("drain must be zero or positive, got " + drain);
            }
        }
    }

    public WhatIfRun(Options options) {
        this(options, FastPipe.COMMIT_EVERY);
    }

    WhatIfRun(Options options, int commitEvery) {
        this(options, commitEvery, "heap");
    }

    WhatIfRun(Options options, int commitEvery, String stateStores) {
        this.options = options;
        this.commitEvery = commitEvery;
        this.stateStores = stateStores;
    }

    /** Runs {@code recording} with the given settings (a properties file's contents) on top of the defaults. */
    public RunResult run(Map<String, String> settings, Recording recording) {
        return run(settings, recording, done -> { });
    }

    /**
     * {@link #run(Map, Recording)}, telling {@code progress} how many recorded records have been processed, every
     * {@value #COLLECT_EVERY} records and once at the end.
     */
    public RunResult run(Map<String, String> settings, Recording recording, LongConsumer progress) {
        Path stateDir = createStateDir();
        try {
            AlertflowConfig cfg = AlertflowConfig.of(offline(settings, stateDir, stateStores));
            return play(cfg, recording, Settings.reported(settings), progress);
        } finally {
            deleteRecursively(stateDir);
        }
    }

    static Map<String, String> offline(Map<String, String> settings, Path stateDir, String stateStores) {
        Map<String, String> values = new HashMap<>(settings);
        values.put("timers.mode", "stream-time");
        values.put("state.dir", stateDir.toString());
        values.put("schema.registry.url", "mock://whatif-" + UUID.randomUUID());
        // No broker, no transactions: at-least-once is what the driver models without extra work per record.
        values.put("processing.guarantee", "at_least_once");
        values.put("application.id", "alertflow-whatif");
        values.put("bootstrap.servers", "offline:9092");
        // Throwaway state: objects on the heap without changelogs, so that the driver's commit after every record
        // flushes no RocksDB memtable, writes no checkpoint file and produces no changelog record, and no store
        // value is encoded or decoded (see StateStores).
        values.put("state.stores", stateStores);
        values.put("state.changelogs", "false");
        return values;
    }

    private RunResult play(AlertflowConfig cfg, Recording recording, Map<String, String> reported, LongConsumer progress) {
        // The recorded alerts and the incidents are handed over as objects, not Avro bytes (see Handoff).
        Handoff handoff = new Handoff();
        Topics topics = Topics.offline(cfg, handoff);
        Topology topology = AlertflowTopology.build(cfg, topics);
        addClock(topology);
        Instant start = recording.isEmpty() ? Instant.EPOCH : Instant.ofEpochMilli(recording.firstTimestamp());
        Properties props = cfg.streamsProperties();
        // The driver hands over one record at a time, so there is nothing to wait for; with idling enabled every
        // record pays for a scan (and a formatted log message) over all of the task's empty partitions.
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props, start)) {
            RunOutputs outputs = new RunOutputs(driver, topics, handoff);
            Inputs inputs = new Inputs(driver, topics, handoff, commitEvery, outputs::reads);
            long tick = (options.tick() == null ? cfg.timers().interval() : options.tick()).toMillis();
            long clock = recording.isEmpty() ? 0 : recording.firstTimestamp();
            long piped = 0;
            for (RecordingLine line : recording.lines()) {
                clock = Math.max(tickUntil(inputs, clock, line.timestamp(), tick), line.timestamp());
                inputs.pipe(line);
                if (++piped % COLLECT_EVERY == 0) {
                    outputs.collect();
                    progress.accept(piped);
                }
            }
            if (!recording.isEmpty()) {
                tickUntil(inputs, clock, recording.lastTimestamp() + options.drain().toMillis() + 1, tick);
            }
            inputs.flush();
            outputs.collect();
            progress.accept(piped);
            return outputs.result(recording.count("alerts.raw"), reported);
        }
    }

    /** Ticks the clock at every {@code tick} after {@code clock} strictly before {@code until}; returns the new clock. */
    private static long tickUntil(Inputs inputs, long clock, long until, long tick) {
        long next = clock + tick;
        while (next < until) {
            inputs.tick(next);
            clock = next;
            next += tick;
        }
        return clock;
    }

    private static void addClock(Topology topology) {
        topology.addSource("whatif-clock-source", new ByteArrayDeserializer(), new ByteArrayDeserializer(), CLOCK_TOPIC);
        topology.addProcessor("whatif-clock-sink", ClockSink::new, "whatif-clock-source");
    }

    /** Drops clock records: they exist only to move stream time. */
    private static final class ClockSink implements Processor<byte[], byte[], Void, Void> {
        @Override
        public void process(org.apache.kafka.streams.processor.api.Record<byte[], byte[]> record) {
            // nothing: the driver has already advanced stream time to this record's timestamp
        }
    }

    private static Path createStateDir() {
        try {
            return Files.createTempDirectory("alertflow-whatif-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary state directory", e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the temporary state directory " + dir, e);
        }
    }

    /**
     * The driver's input topics, by the SPEC names recordings use, mapped to the configured names; piped through
     * {@link FastPipe} unless the run asks for {@code pipeInput} or the driver's internals are not the expected ones.
     */
    private static final class Inputs {
        private final Map<String, Input> byTopic = new HashMap<>();
        private final Handoff handoff;
        private final Optional<FastPipe> fast;
        private final TestInputTopic<byte[], byte[]> clock;

        Inputs(TopologyTestDriver driver, Topics topics, Handoff handoff, int commitEvery, Predicate<String> read) {
            this.handoff = handoff;
            fast = commitEvery == PIPE_INPUT ? Optional.empty() : FastPipe.attach(driver, commitEvery, read);
            // Alerts are handed over as objects: each gets its own copy, as decoding would give it, so that no
            // processor can change the recording (which --compare plays twice).
            add(driver, "alerts.raw", topics.alertsRaw(), alert -> RecordCopy.of((RawAlert) alert));
            add(driver, "maintenance.windows", topics.maintenanceWindows(), UnaryOperator.identity());
            add(driver, "services", topics.services(), UnaryOperator.identity());
            add(driver, "changes", topics.changes(), UnaryOperator.identity());
            add(driver, "incident.actions", topics.incidentActions(), UnaryOperator.identity());
            add(driver, "metrics.samples", topics.metricsSamples(), UnaryOperator.identity());
            clock = driver.createInputTopic(CLOCK_TOPIC, new ByteArraySerializer(), new ByteArraySerializer());
        }

        @SuppressWarnings("unchecked")
        private void add(TopologyTestDriver driver, String specName, Topic<String, ? extends SpecificRecord> topic,
                         UnaryOperator<SpecificRecord> copy) {
            Topic<String, SpecificRecord> t = (Topic<String, SpecificRecord>) topic;
            byTopic.put(specName, new Input(t.name(), t.valueSerde().serializer(), copy,
                    driver.createInputTopic(t.name(), Serdes.String().serializer(), t.valueSerde().serializer())));
        }

        void pipe(RecordingLine line) {
            Input input = byTopic.get(line.topic());
            SpecificRecord value = input.copy().apply(line.value());
            if (fast.isEmpty()) {
                input.driverTopic().pipeInput(line.key(), value, line.timestamp());
            } else {
                // Serialized as TestInputTopic.pipeInput would: the topic's own serializers, fresh headers.
                Headers headers = new RecordHeaders();
                fast.get().pipe(input.name(), line.timestamp(), KEYS.serialize(input.name(), headers, line.key()),
                        input.values().serialize(input.name(), headers, value), headers);
            }
            // Everything this record caused has been processed (both ways pipe depth-first).
            handoff.endOfInput();
        }

        void tick(long at) {
            if (fast.isPresent()) {
                fast.get().pipe(CLOCK_TOPIC, at, null, null, new RecordHeaders());
            } else {
                clock.pipeInput(null, null, at);
            }
            handoff.endOfInput();
        }

        /** Makes everything processed so far visible to the output topics. */
        void flush() {
            fast.ifPresent(FastPipe::flush);
        }

        private static final Serializer<String> KEYS = Serdes.String().serializer();

        private record Input(String name, Serializer<SpecificRecord> values, UnaryOperator<SpecificRecord> copy,
                             TestInputTopic<String, SpecificRecord> driverTopic) {
        }
    }
}
