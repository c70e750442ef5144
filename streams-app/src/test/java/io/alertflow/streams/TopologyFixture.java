package io.alertflow.streams;

import io.alertflow.avro.AlertChange;
import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.DeadLetter;
import io.alertflow.avro.MaintenanceWindow;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Severity;
import io.alertflow.avro.SuppressedAlert;
import io.alertflow.streams.config.AlertflowConfig;
import io.alertflow.streams.topics.Topics;
import io.alertflow.validation.AlertPartitions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The production spine on a TopologyTestDriver with a private {@code mock://} registry, plus a temporary sink
 * of the change stream ({@value #CHANGES}) until correlation consumes it.
 */
public final class TopologyFixture implements AutoCloseable {
    public static final String CHANGES = "test.alert-changes";

    public final AlertflowConfig cfg;
    public final Topics topics;
    public final TopologyTestDriver driver;
    public final TestInputTopic<String, RawAlert> alerts;
    public final TestInputTopic<byte[], byte[]> rawBytes;
    public final TestInputTopic<String, MaintenanceWindow> windows;
    public final TestInputTopic<String, MaintenanceWindow> validWindows;
    public final TestOutputTopic<String, AlertChange> changes;
    public final TestOutputTopic<byte[], DeadLetter> dlq;
    public final TestOutputTopic<String, SuppressedAlert> suppressed;
    private final TestOutputTopic<String, MaintenanceWindow> validWindowsOut;

    public TopologyFixture(Path stateDir, Instant wallClock, Map<String, String> overrides) {
        this(stateDir, wallClock, overrides, AlertPartitions.UNKNOWN);
    }

    /** The spine whose validation checks keyed alerts against {@code partitions} (the driver reads partition 0). */
    public TopologyFixture(Path stateDir, Instant wallClock, Map<String, String> overrides, AlertPartitions partitions) {
        Map<String, String> values = new HashMap<>();
        values.put("schema.registry.url", "mock://" + UUID.randomUUID());
        values.put("state.dir", stateDir.toString());
        values.putAll(overrides);
        cfg = AlertflowConfig.of(values);
        topics = Topics.from(cfg);
        Properties props = cfg.streamsProperties();
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
        AlertflowTopology.Spine spine = AlertflowTopology.spine(builder, cfg, topics, partitions);
        spine.changes().to(CHANGES, org.apache.kafka.streams.kstream.Produced.with(Serdes.String(), topics.alertChangeSerde())
                .withName("test-changes-sink"));
        Topology topology = builder.build(props);
        driver = new TopologyTestDriver(topology, props, wallClock);
        alerts = driver.createInputTopic(topics.alertsRaw().name(), Serdes.String().serializer(),
                topics.alertsRaw().valueSerde().serializer());
        rawBytes = driver.createInputTopic(topics.alertsRaw().name(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
        windows = driver.createInputTopic(topics.maintenanceWindows().name(), Serdes.String().serializer(),
                topics.maintenanceWindows().valueSerde().serializer());
        validWindows = driver.createInputTopic(topics.maintenanceWindowsValid().name(), Serdes.String().serializer(),
                topics.maintenanceWindowsValid().valueSerde().serializer());
        validWindowsOut = driver.createOutputTopic(topics.maintenanceWindowsValid().name(), Serdes.String().deserializer(),
                topics.maintenanceWindowsValid().valueSerde().deserializer());
        changes = driver.createOutputTopic(CHANGES, Serdes.String().deserializer(), topics.alertChangeSerde().deserializer());
        dlq = driver.createOutputTopic(topics.alertsDlq().name(), Serdes.ByteArray().deserializer(),
                topics.alertsDlq().valueSerde().deserializer());
        suppressed = driver.createOutputTopic(topics.alertsSuppressed().name(), Serdes.String().deserializer(),
                topics.alertsSuppressed().valueSerde().deserializer());
    }

    public TopologyFixture(Path stateDir, Instant wallClock) {
        this(stateDir, wallClock, Map.of());
    }

    /**
     * Publishes a window the way production does: through the check, then (TTD has no broker between the two
     * sub-topologies) feeding what the check wrote to the valid topic back into the global store's topic.
     */
    public void putWindow(String id, MaintenanceWindow window, Instant at) {
        windows.pipeInput(id, window, at);
        forwardCheckedWindows();
    }

    public void deleteWindow(String id, Instant at) {
        windows.pipeInput(id, null, at);
        forwardCheckedWindows();
    }

    private void forwardCheckedWindows() {
        validWindowsOut.readRecordsToList().forEach(r -> validWindows.pipeInput(r.key(), r.value(), r.timestamp()));
    }

    /** Moves the wall clock, firing wall-clock timers. */
    public void advance(Duration d) {
        driver.advanceWallClockTime(d);
    }

    /** How many entries a key-value store holds. */
    public long storeSize(String store) {
        KeyValueStore<Object, Object> kv = driver.getKeyValueStore(store);
        long n = 0;
        try (KeyValueIterator<Object, Object> it = kv.all()) {
            for (; it.hasNext(); it.next()) {
                n++;
            }
        }
        return n;
    }

    /** A valid firing alert (no fingerprint: the stream computes it) received at {@code at}. */
    public static RawAlert firing(Map<String, String> labels, Instant at) {
        return RawAlert.newBuilder().setFingerprint(null).setSource("prometheus").setStatus(AlertStatus.FIRING)
                .setSeverity(Severity.CRITICAL).setLabels(labels).setAnnotations(Map.of("summary", "it broke"))
                .setStartsAt(at).setEndsAt(null).setReceivedAt(at).setGeneratorUrl(null).setValue(null).build();
    }

    /** The resolved notification of an alert, received at {@code at}. */
    public static RawAlert resolved(RawAlert alert, Instant at) {
        return RawAlert.newBuilder(alert).setStatus(AlertStatus.RESOLVED).setEndsAt(at).setReceivedAt(at).build();
    }

    /** A re-send of a firing alert received at {@code at}. */
    public static RawAlert resend(RawAlert alert, Instant at) {
        return RawAlert.newBuilder(alert).setReceivedAt(at).build();
    }

    @Override
    public void close() {
        driver.close();
    }
}
