package io.alertflow.whatif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.alertflow.avro.Incident;
import io.alertflow.avro.Page;
import io.alertflow.json.RecordingLine;
import io.alertflow.streams.AlertflowTopology;
import io.alertflow.streams.config.AlertflowConfig;
import io.alertflow.streams.topics.Topic;
import io.alertflow.streams.topics.TopicProvisioner;
import io.alertflow.streams.topics.Topics;
import io.alertflow.testing.KafkaTestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "The same results as the live pipeline": one recording through the production topology on a real broker
 * (KafkaStreams, exactly_once_v2, stream-time timers, each record produced with its recorded timestamp) and
 * through what-if; the incidents (id, state, root cause, priority, members) and pages (incident, kind, level)
 * must be equal.
 *
 * <p>Why stream time, and why the recording carries heartbeats: live, each task has its own stream time, moved
 * only by records reaching that task, and the incident task sees only state changes; what-if's driver has one
 * stream time for all. A timer therefore fires live only when the incident task's next record arrives, and after
 * that record. A change event of an uninvolved service every 5 s (the timers' interval) keeps the incident
 * task's clock moving like what-if's, which makes the comparison exact; wall-clock timers would make it depend
 * on how fast the broker delivers. Services are produced before the app starts (global stores restore before
 * processing) and the rest is paced at 120x so the global stores (windows, incident index) keep up, as in
 * production where records arrive in real time.
 */
class WhatIfLiveIT {
    static final Duration TICK = Duration.ofSeconds(5);
    static final double SPEED = 120;
    static KafkaTestCluster kafka;

    @TempDir
    static Path stateDir;

    @BeforeAll
    static void start() {
        kafka = KafkaTestCluster.start();
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void whatIfFindsTheIncidentsAndPagesTheLivePipelineFinds() throws Exception {
        // Recent timestamps: the broker refuses records more than an hour ahead of its clock.
        Instant t0 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
        RecordingBuilder builder = SampleRecordings.paymentOutage(t0);
        Recording recording = SampleRecordings.heartbeats(builder, t0, t0.plus(Duration.ofMinutes(62)), TICK).build();
        Map<String, String> settings = Map.of("timers.interval", "5s");

        RunResult offline = new WhatIfRun(new WhatIfRun.Options(TICK, Duration.ZERO)).run(settings, recording);
        Live live = runLive(settings, recording, offline.totals().pages());

        assertFalse(offline.incidents().isEmpty());
        assertEquals(incidentsOf(offline), live.incidents);
        assertEquals(byIncident(pagesOf(offline)), byIncident(live.pages));
    }

    record Live(Map<String, String> incidents, List<String> pages) {
    }

    private Live runLive(Map<String, String> settings, Recording recording, long expectedPages) throws Exception {
        Map<String, String> values = new HashMap<>(settings);
        values.put("bootstrap.servers", kafka.bootstrapServers());
        values.put("schema.registry.url", "mock://whatif-live-" + UUID.randomUUID());
        values.put("application.id", "whatif-live-" + UUID.randomUUID().toString().substring(0, 8));
        values.put("state.dir", stateDir.toString());
        values.put("timers.mode", "stream-time");
        AlertflowConfig cfg = AlertflowConfig.of(values);
        Topics topics = Topics.from(cfg);
        Properties props = cfg.streamsProperties();
        // One partition each: one task per sub-topology, as in the driver.
        TopicProvisioner.createMissing(props, topics.all(), 1, (short) 1);
        Map<String, Topic<String, ? extends SpecificRecord>> byName = inputs(topics);
        try (KafkaProducer<String, SpecificRecord> producer = producer(byName)) {
            List<RecordingLine> later = new ArrayList<>();
            for (RecordingLine line : recording.lines()) {
                if (line.topic().equals("services")) {
                    send(producer, byName, line);
                } else {
                    later.add(line);
                }
            }
            try (KafkaStreams streams = new KafkaStreams(AlertflowTopology.build(cfg, topics), props)) {
                streams.start();
                awaitRunning(streams);
                play(producer, byName, later);
                return read(topics, expectedPages);
            }
        }
    }

    private static void play(KafkaProducer<String, SpecificRecord> producer, Map<String, Topic<String, ? extends SpecificRecord>> byName,
                             List<RecordingLine> lines) throws Exception {
        long first = lines.get(0).timestamp();
        long startNanos = System.nanoTime();
        for (RecordingLine line : lines) {
            long due = startNanos + (long) ((line.timestamp() - first) * 1e6 / SPEED);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            send(producer, byName, line);
        }
    }

    private static void send(KafkaProducer<String, SpecificRecord> producer, Map<String, Topic<String, ? extends SpecificRecord>> byName,
                             RecordingLine line) throws Exception {
        String topic = byName.get(line.topic()).name();
        // Waiting for each acknowledgement keeps the broker's order across topics equal to the recording's.
        producer.send(new ProducerRecord<>(topic, null, line.timestamp(), line.key(), line.value())).get();
    }

    @SuppressWarnings("unchecked")
    private static KafkaProducer<String, SpecificRecord> producer(Map<String, Topic<String, ? extends SpecificRecord>> byName) {
        Map<String, Serializer<SpecificRecord>> byTopic = new HashMap<>();
        byName.values().forEach(t -> byTopic.put(t.name(), (Serializer<SpecificRecord>) t.valueSerde().serializer()));
        Serializer<SpecificRecord> values = (topic, data) -> byTopic.get(topic).serialize(topic, data);
        return new KafkaProducer<>(kafka.producerConfig(), Serdes.String().serializer(), values);
    }

    private static Map<String, Topic<String, ? extends SpecificRecord>> inputs(Topics topics) {
        Map<String, Topic<String, ? extends SpecificRecord>> m = new LinkedHashMap<>();
        m.put("alerts.raw", topics.alertsRaw());
        m.put("maintenance.windows", topics.maintenanceWindows());
        m.put("services", topics.services());
        m.put("changes", topics.changes());
        m.put("incident.actions", topics.incidentActions());
        m.put("metrics.samples", topics.metricsSamples());
        return m;
    }

    private static void awaitRunning(KafkaStreams streams) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(KafkaStreams.State.RUNNING, streams.state());
    }

    /** Reads pages until {@code expected} arrived (then 3 s more, to see that nothing else comes) and the incidents. */
    private static Live read(Topics topics, long expected) {
        List<String> pages = new ArrayList<>();
        Map<String, Incident> incidents = new TreeMap<>();
        try (KafkaConsumer<String, Page> pc = new KafkaConsumer<>(kafka.consumerConfig(), Serdes.String().deserializer(),
                topics.pages().valueSerde().deserializer());
             KafkaConsumer<String, Incident> ic = new KafkaConsumer<>(kafka.consumerConfig(), Serdes.String().deserializer(),
                     topics.incidents().valueSerde().deserializer())) {
            pc.subscribe(List.of(topics.pages().name()));
            ic.subscribe(List.of(topics.incidents().name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<String, Page> r : pc.poll(Duration.ofMillis(200))) {
                    pages.add(page(r.value().getIncidentId(), r.value().getKind().name(), r.value().getLevel()));
                }
                ic.poll(Duration.ofMillis(50)).forEach(r -> incidents.put(r.key(), r.value()));
                if (pages.size() >= expected && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                }
            }
        }
        Map<String, String> summary = new TreeMap<>();
        incidents.values().forEach(i -> summary.put(i.getId(), incident(i.getState().name(), i.getRootCauseService(),
                i.getPriority().name(), new TreeSet<>(i.getAlerts()).toString())));
        return new Live(summary, pages);
    }

    private static Map<String, String> incidentsOf(RunResult r) {
        Map<String, String> m = new TreeMap<>();
        r.incidents().forEach(i -> m.put(i.id(), incident(i.state(), i.rootCauseService(), i.priority(), i.members().toString())));
        return m;
    }

    private static List<String> pagesOf(RunResult r) {
        List<String> out = new ArrayList<>();
        r.incidents().forEach(i -> i.pages().forEach(p -> out.add(page(i.id(), p.kind(), p.level()))));
        return out;
    }

    /** Stable sort by incident id: each incident's pages keep their order; incidents interleave differently. */
    private static List<String> byIncident(List<String> pages) {
        List<String> sorted = new ArrayList<>(pages);
        sorted.sort(java.util.Comparator.comparing(p -> p.substring(0, p.indexOf(' '))));
        return sorted;
    }

    private static String incident(String state, String root, String priority, String members) {
        return state + " root=" + root + " " + priority + " members=" + members;
    }

    private static String page(String incident, String kind, int level) {
        return incident + " " + kind + "@" + level;
    }
}
