package io.alertflow.api;

import io.alertflow.api.prometheus.PipelineMeters;
import io.alertflow.avro.ActionKind;
import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.EscalationPolicy;
import io.alertflow.avro.IncidentAction;
import io.alertflow.avro.IncidentRecord;
import io.alertflow.avro.MaintenanceWindow;
import io.alertflow.avro.Matcher;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Service;
import io.alertflow.avro.Severity;
import io.alertflow.incident.IncidentProcessor;
import io.alertflow.streams.AlertflowTopology;
import io.alertflow.streams.config.AlertflowConfig;
import io.alertflow.streams.topics.Topic;
import io.alertflow.streams.topics.Topics;
import io.alertflow.validation.AlertPartitions;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The whole production topology on a TopologyTestDriver (private {@code mock://} registry, wall-clock timers
 * ticking every 15 s), with the payment services catalogue loaded, and {@link LocalState} over its stores so the
 * API can be served from it.
 */
public final class PipelineDriver implements AutoCloseable, LocalState {
    public static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    public final AlertflowConfig cfg;
    public final Topics topics;
    public final TopologyTestDriver driver;
    private final TestInputTopic<String, RawAlert> raw;
    private final TestInputTopic<byte[], byte[]> rawBytes;
    private final TestInputTopic<String, IncidentAction> actions;
    private final TestInputTopic<String, MaintenanceWindow> windows;
    private final TestInputTopic<String, MaintenanceWindow> validWindows;
    private final TestOutputTopic<String, MaintenanceWindow> validWindowsOut;
    private Instant clock = T0;

    public PipelineDriver(Path stateDir, MeterRegistry registry, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>();
        values.put("schema.registry.url", "mock://" + UUID.randomUUID());
        values.put("state.dir", stateDir.toString());
        values.put("timers.interval", "15s");
        values.putAll(overrides);
        cfg = AlertflowConfig.of(values);
        topics = Topics.from(cfg);
        driver = new TopologyTestDriver(AlertflowTopology.build(cfg, topics, new PipelineMeters(registry), AlertPartitions.UNKNOWN),
                cfg.streamsProperties(), T0);
        raw = input(topics.alertsRaw());
        rawBytes = driver.createInputTopic(topics.alertsRaw().name(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
        actions = input(topics.incidentActions());
        windows = input(topics.maintenanceWindows());
        validWindows = input(topics.maintenanceWindowsValid());
        validWindowsOut = driver.createOutputTopic(topics.maintenanceWindowsValid().name(), Serdes.String().deserializer(),
                topics.maintenanceWindowsValid().valueSerde().deserializer());
        TestInputTopic<String, Service> services = input(topics.services());
        for (Service s : catalog()) {
            services.pipeInput(s.getName(), s, T0);
        }
    }

    /** api-gateway and checkout call payments-api, which calls payments-db; payments pages a two-level rotation. */
    public static List<Service> catalog() {
        EscalationPolicy policy = EscalationPolicy.newBuilder().setAckTimeoutMs(Duration.ofMinutes(5).toMillis())
                .setLevels(List.of("payments-primary", "payments-secondary")).build();
        return List.of(
                Service.newBuilder().setName("api-gateway").setTier(1).setDependsOn(List.of("payments-api")).build(),
                Service.newBuilder().setName("checkout").setTier(1).setDependsOn(List.of("payments-api")).build(),
                Service.newBuilder().setName("payments-api").setTier(1).setDependsOn(List.of("payments-db")).setEscalation(policy).build(),
                Service.newBuilder().setName("payments-db").setTier(1).setEscalation(policy)
                        .setRunbookUrl("https://runbooks/payments-db").build(),
                Service.newBuilder().setName("reports").setTier(4).build());
    }

    private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), Serdes.String().serializer(), topic.valueSerde().serializer());
    }

    /** One notification as Prometheus sends it, received at {@code at} (the clock moves there first). */
    public RawAlert send(String alertname, String service, Severity severity, AlertStatus status, Instant startsAt, Instant at) {
        advanceTo(at);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", alertname);
        labels.put("service", service);
        RawAlert a = RawAlert.newBuilder().setSource("prometheus").setStatus(status).setSeverity(severity)
                .setLabels(labels).setStartsAt(startsAt).setEndsAt(status == AlertStatus.RESOLVED ? at : null)
                .setReceivedAt(at).build();
        raw.pipeInput(null, a, at);
        return a;
    }

    /** Bytes that are no alert, keyed by {@code key} (as the gateway keys by fingerprint). */
    public void sendGarbage(String key, Instant at) {
        advanceTo(at);
        rawBytes.pipeInput(key.getBytes(), "not avro".getBytes(), at);
    }

    public void act(String incidentId, ActionKind kind, Instant at) {
        advanceTo(at);
        actions.pipeInput(incidentId, IncidentAction.newBuilder().setIncidentId(incidentId).setAction(kind)
                .setActor("alice").setAt(at).setNote("looking").build(), at);
    }

    /** A one-off window on {@code service}, through the check and (by hand, TTD has no broker) into the global store. */
    public void window(String id, String name, String service, Instant from, Instant to) {
        MaintenanceWindow w = MaintenanceWindow.newBuilder().setId(id).setName(name)
                .setMatchers(List.of(new Matcher("service", "=", service))).setStartsAt(from).setEndsAt(to)
                .setRecurrence(null).setCreatedBy("ops").setComment("planned").build();
        windows.pipeInput(id, w, clock);
        validWindowsOut.readRecordsToList().forEach(r -> validWindows.pipeInput(r.key(), r.value(), r.timestamp()));
    }

    /** Moves the wall clock in 15 s steps, firing timers as production would. */
    public void advanceTo(Instant to) {
        while (clock.isBefore(to)) {
            Duration step = Duration.ofSeconds(Math.min(15, Math.max(1, Duration.between(clock, to).toSeconds())));
            driver.advanceWallClockTime(step);
            clock = clock.plus(step);
        }
    }

    public Instant now() {
        return clock;
    }

    public static Instant t(String offset) {
        return T0.plus(Duration.parse("PT" + offset.toUpperCase()));
    }

    /** How many entries a store holds. */
    public long size(String store) {
        KeyValueStore<Object, Object> kv = driver.getKeyValueStore(store);
        long n = 0;
        try (KeyValueIterator<Object, Object> it = kv.all()) {
            for (; it.hasNext(); it.next()) {
                n++;
            }
        }
        return n;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> V get(String store, String key) {
        KeyValueStore<String, Object> kv = driver.getKeyValueStore(store);
        return (V) kv.get(key);
    }

    @Override
    public void forEachIncident(Consumer<IncidentRecord> action) {
        KeyValueStore<String, IncidentRecord> kv = driver.getKeyValueStore(IncidentProcessor.INCIDENT_STORE);
        try (KeyValueIterator<String, IncidentRecord> it = kv.all()) {
            while (it.hasNext()) {
                KeyValue<String, IncidentRecord> e = it.next();
                action.accept(e.value);
            }
        }
    }

    @Override
    public boolean queryable() {
        return true;
    }

    @Override
    public void close() {
        driver.close();
    }
}
