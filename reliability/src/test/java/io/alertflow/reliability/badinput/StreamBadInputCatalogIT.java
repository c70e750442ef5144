package io.alertflow.reliability.badinput;

import static io.alertflow.reliability.harness.WireFrames.frame;
import static io.alertflow.reliability.harness.WireFrames.generic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.alert.Fingerprint;
import io.alertflow.avro.ActionKind;
import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.DeadLetter;
import io.alertflow.avro.Incident;
import io.alertflow.avro.IncidentAction;
import io.alertflow.avro.IncidentState;
import io.alertflow.avro.MaintenanceWindow;
import io.alertflow.avro.Matcher;
import io.alertflow.avro.MetricSample;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Recurrence;
import io.alertflow.avro.Service;
import io.alertflow.avro.Severity;
import io.alertflow.correlation.IncidentIndex;
import io.alertflow.dlq.DeadLetters;
import io.alertflow.reliability.harness.LocalSchemaRegistry;
import io.alertflow.reliability.harness.TestBroker;
import io.alertflow.reliability.harness.WireFrames;
import io.alertflow.serde.SchemaRegistryClients;
import io.alertflow.streams.StreamsMain;
import io.alertflow.streams.config.AlertflowConfig;
import io.alertflow.streams.topics.Topics;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input catalogue of the streams app, one named test per input, against the real topology on a real
 * broker with a real (HTTP) registry: each bad record ends as a DeadLetter with a reason a person can act on
 * (or, where the input is legal, is handled), the stream threads keep RUNNING, and a good alert written after
 * it becomes an incident. A registry outage is not bad input: nothing is dead-lettered.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StreamBadInputCatalogIT {
    private static final int BIG = 4 * 1024 * 1024;

    @TempDir
    static Path dir;
    static TestBroker broker;
    static LocalSchemaRegistry registry;
    static AlertflowConfig cfg;
    static Topics topics;
    static KafkaStreams streams;
    static KafkaProducer<byte[], byte[]> producer;
    static KafkaConsumer<byte[], DeadLetter> dlq;
    static KafkaConsumer<String, Incident> incidents;
    static final List<DeadLetter> letters = new CopyOnWriteArrayList<>();
    static final List<Incident> seen = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        broker = TestBroker.start(TestBroker.Layout.plain(dir.resolve("kafka")));
        registry = LocalSchemaRegistry.start();
        Map<String, String> s = new HashMap<>();
        s.put("bootstrap.servers", broker.bootstrapServers());
        s.put("schema.registry.url", registry.url());
        s.put("application.id", "bad-input");
        s.put("state.dir", dir.resolve("state").toString());
        s.put("topic.partitions", "1");
        s.put("timers.interval", "1s");
        s.put("kafka.max.request.size", String.valueOf(BIG));
        s.put("schema.registry.max.retries", "1");
        cfg = AlertflowConfig.of(s);
        topics = Topics.from(cfg);
        // Room for the 1 MB label value (and its dead letter); everything else is created by StreamsMain.
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(big(topics.alertsRaw().name()), big(topics.alertsDlq().name()))).all().get();
        }
        streams = StreamsMain.start(cfg);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.MAX_REQUEST_SIZE_CONFIG, BIG),
                Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
        dlq = consumer(Serdes.ByteArray().deserializer(), topics.alertsDlq());
        incidents = consumer(Serdes.String().deserializer(), topics.incidents());
        awaitRunning();
    }

    @AfterAll
    static void stop() {
        producer.close();
        dlq.close();
        incidents.close();
        streams.close(Duration.ofSeconds(10));
        registry.close();
        broker.close();
    }

    @AfterEach
    void streamThreadsAlive() {
        assertEquals(KafkaStreams.State.RUNNING, streams.state(), "no stream thread died");
    }

    // ------------------------------------------------------------------ bytes

    @Test
    void garbageBytes() {
        assertDeadLettered(alertBytes("this is not avro".getBytes(StandardCharsets.UTF_8)), "deserialize", "magic byte");
    }

    @Test
    void wrongMagicByte() {
        byte[] good = serialize(alert("magic", Instant.now()));
        good[0] = 1;
        assertDeadLettered(alertBytes(good), "deserialize", "magic byte");
    }

    @Test
    void unknownSchemaId() {
        byte[] bytes = serialize(alert("unknown-id", Instant.now()));
        ByteBuffer.wrap(bytes).putInt(1, 987_654);
        assertDeadLettered(alertBytes(bytes), "deserialize", "987654");
    }

    @Test
    void truncatedAvro() {
        byte[] good = serialize(alert("truncated", Instant.now()));
        assertDeadLettered(alertBytes(Arrays.copyOf(good, good.length / 2)), "deserialize", "truncated");
    }

    @Test
    void invalidUtf8InALabelIsDecodedWithReplacementCharacters() {
        RawAlert alert = alert("utf8-XXXX", Instant.now());
        byte[] bytes = serialize(alert);
        // The marker is in the service and (letters only) in the alertname; Map.of's order varies, so replace both.
        for (int at = indexOf(bytes, "XXXX".getBytes(StandardCharsets.UTF_8), 0); at >= 0;
             at = indexOf(bytes, "XXXX".getBytes(StandardCharsets.UTF_8), at + 4)) {
            bytes[at] = (byte) 0xC3;
            bytes[at + 1] = (byte) 0x28;
            bytes[at + 2] = (byte) 0xFF;
            bytes[at + 3] = (byte) 0xFE;
        }
        send(topics.alertsRaw().name(), null, bytes);
        // Avro decodes strings leniently (U+FFFD), so the alert is legal and processed, not lost or crashed.
        Incident incident = awaitIncident(i -> i.getServices().stream().anyMatch(s -> s.startsWith("svc-utf8-")));
        assertTrue(incident.getServices().get(0).contains("\uFFFD"), incident.getServices().toString());
        goodAlertStillProcessed();
    }

    // ------------------------------------------------------------------ validation

    @Test
    void missingAlertname() {
        RawAlert alert = alert("no-name", Instant.now());
        alert.setLabels(Map.of("service", "svc-no-name"));
        assertDeadLettered(alertBytes(serialize(alert)), "validate", "alertname");
    }

    @Test
    void oneHundredThousandLabels() {
        RawAlert alert = alert("many-labels", Instant.now());
        Map<String, String> labels = new HashMap<>(alert.getLabels());
        for (int i = 0; i < 100_000; i++) {
            labels.put("l" + i, "v");
        }
        alert.setLabels(labels);
        assertDeadLettered(alertBytes(serialize(alert)), "validate", "100003 entries");
    }

    @Test
    void oneMegabyteLabelValue() {
        RawAlert alert = alert("big-value", Instant.now());
        Map<String, String> labels = new HashMap<>(alert.getLabels());
        labels.put("huge", "x".repeat(1024 * 1024));
        alert.setLabels(labels);
        assertDeadLettered(alertBytes(serialize(alert)), "validate", "1048576");
    }

    @Test
    void startsAtInYear9999() {
        RawAlert alert = alert("future", Instant.now());
        alert.setStartsAt(Instant.parse("9999-01-01T00:00:00Z"));
        assertDeadLettered(alertBytes(serialize(alert)), "validate", "startsAt");
    }

    @Test
    void startsAtIn1970() {
        RawAlert alert = alert("epoch", Instant.now());
        alert.setStartsAt(Instant.EPOCH);
        assertDeadLettered(alertBytes(serialize(alert)), "validate", "startsAt");
    }

    @Test
    void endsAtBeforeStartsAt() {
        RawAlert alert = alert("ends-early", Instant.now());
        alert.setStatus(AlertStatus.RESOLVED);
        alert.setEndsAt(alert.getStartsAt().minusSeconds(60));
        assertDeadLettered(alertBytes(serialize(alert)), "validate", "endsAt");
    }

    @Test
    void enumSymbolFromANewerSchema() throws Exception {
        Schema newer = new Schema.Parser().parse(RawAlert.getClassSchema().toString()
                .replace("\"CRITICAL\",", "\"FATAL\",\"CRITICAL\","));
        int id = SchemaRegistryClients.fromConfig(Map.of("schema.registry.url", registry.url()))
                .register(topics.alertsRaw().name() + "-value", newer);
        GenericRecord record = generic(newer, alert("newer-enum", Instant.now()));
        record.put("severity", new GenericData.EnumSymbol(newer.getField("severity").schema(), "FATAL"));
        assertDeadLettered(alertBytes(frame(id, newer, record)), "validate", "severity");
    }

    // ------------------------------------------------------------------ other input topics

    @Test
    void nanAndInfiniteMetricSamples() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            MetricSample sample = MetricSample.newBuilder().setSeries("s-" + bad).setName("latency").setService("svc-metrics")
                    .setLabels(Map.of()).setAt(Instant.now()).setValue(bad).build();
            long offset = send(topics.metricsSamples().name(), "s", topics.metricsSamples().valueSerde().serializer()
                    .serialize(topics.metricsSamples().name(), sample));
            DeadLetter letter = awaitDeadLetter(topics.metricsSamples().name(), offset);
            assertTrue(letter.getError().toLowerCase().contains("finite") || letter.getError().contains(String.valueOf(bad)),
                    letter.getError());
        }
        goodAlertStillProcessed();
    }

    @Test
    void actionForAnUnknownIncident() {
        IncidentAction action = IncidentAction.newBuilder().setIncidentId("INC-000000000000").setFingerprint(null)
                .setAction(ActionKind.ACKNOWLEDGE).setActor("alice").setAt(Instant.now()).setNote(null).build();
        long offset = send(topics.incidentActions().name(), "INC-000000000000", topics.incidentActions().valueSerde()
                .serializer().serialize(topics.incidentActions().name(), action));
        DeadLetter letter = awaitDeadLetter(topics.incidentActions().name(), offset);
        assertTrue(letter.getError().contains("INC-000000000000"), letter.getError());
        goodAlertStillProcessed();
    }

    @Test
    void acknowledgeAfterResolveIsDeadLetteredWithTheReason() {
        Incident incident = openIncident("ack-after-resolve");
        awaitIndexed(incident.getId());
        // Resolved by a RESOLVE action: resolving by the alert would wait incident.observation (10 min) on the wall clock.
        sendAction(incident.getId(), ActionKind.RESOLVE);
        awaitIncident(i -> i.getId().equals(incident.getId()) && i.getState() == IncidentState.RESOLVED);
        long offset = sendAction(incident.getId(), ActionKind.ACKNOWLEDGE);
        DeadLetter letter = awaitDeadLetter(topics.incidentActions().name(), offset);
        assertEquals("incident", letter.getStage());
        assertTrue(letter.getError().contains("cannot ACKNOWLEDGE incident " + incident.getId()
                + ": a RESOLVED incident cannot be acknowledged; reopen it first"), letter.getError());
        assertEquals(incident.getId(), new String(DeadLetters.originalKey(letter), StandardCharsets.UTF_8));
        IncidentAction original = topics.incidentActions().valueSerde().deserializer()
                .deserialize(topics.incidentActions().name(), DeadLetters.originalValue(letter));
        assertEquals(ActionKind.ACKNOWLEDGE, original.getAction(), "the original action is kept");
        goodAlertStillProcessed();
        Incident latest = seen.stream().filter(i -> i.getId().equals(incident.getId()))
                .max(java.util.Comparator.comparingLong(Incident::getVersion)).orElseThrow();
        assertEquals(IncidentState.RESOLVED, latest.getState(), "the rejected acknowledgement changed nothing");
    }

    @Test
    void windowWithAnInvalidRegex() {
        assertWindowDeadLettered(window("bad-regex", new Matcher("service", "=~", "(unclosed"), null, 3600), "regex");
    }

    @Test
    void windowWithAnInvalidRrule() {
        Recurrence bad = Recurrence.newBuilder().setRrule("FREQ=SOMETIMES").setDurationMs(60_000L).setTimezone("UTC").build();
        assertWindowDeadLettered(window("bad-rrule", new Matcher("service", "=", "x"), bad, 3600), "RRULE");
    }

    @Test
    void windowEndingBeforeItStarts() {
        assertWindowDeadLettered(window("backwards", new Matcher("service", "=", "x"), null, -3600), "end");
    }

    @Test
    void dependencyCycleInTheServiceCatalogue() {
        Service a = service("cycle-a", "cycle-b");
        Service b = service("cycle-b", "cycle-a");
        for (Service s : List.of(a, b)) {
            send(topics.services().name(), s.getName(), topics.services().valueSerde().serializer()
                    .serialize(topics.services().name(), s));
        }
        ChildSleep.of(1500);
        sendAlert(alert("cycle-a", Instant.now()));
        sendAlert(alert("cycle-b", Instant.now().plusMillis(10)));
        // A cycle is legal data: both alerts correlate into one incident, rooted at the earliest alerting service.
        Incident incident = awaitIncident(i -> i.getServices().containsAll(List.of("svc-cycle-a", "svc-cycle-b")));
        assertEquals("svc-cycle-a", incident.getRootCauseService());
        goodAlertStillProcessed();
    }

    // ------------------------------------------------------------------ the registry is not bad input

    @Test
    @Order(Integer.MAX_VALUE)
    void registryUnreachableMidRunDeadLettersNothingAndTheRecordIsProcessedWhenItIsBack() throws Exception {
        Schema evolved = WireFrames.evolvedRawAlert();
        int id = SchemaRegistryClients.fromConfig(Map.of("schema.registry.url", registry.url()))
                .register(topics.alertsRaw().name() + "-value", evolved);
        registry.unavailable(true);
        try {
            long offset = send(topics.alertsRaw().name(), null, frame(id, evolved, generic(evolved, alert("registry-down", Instant.now()))));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (streams.state() == KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
                ChildSleep.of(200);
            }
            assertFalse(streams.state() == KafkaStreams.State.RUNNING, "the app fails loudly instead of dead-lettering");
            pollDeadLetters(Duration.ofSeconds(2));
            assertTrue(letters.stream().noneMatch(l -> l.getOffset() == offset
                    && l.getSourceTopic().equals(topics.alertsRaw().name())), "a good record is never dead-lettered");
        } finally {
            registry.unavailable(false);
        }
        // The supervisor restarts the instance; the uncommitted record is read again and processed.
        streams.close(Duration.ofSeconds(10));
        streams = StreamsMain.start(cfg);
        awaitRunning();
        awaitIncident(i -> i.getServices().contains("svc-registry-down"));
    }

    // ------------------------------------------------------------------ helpers

    private static NewTopic big(String name) {
        return new NewTopic(name, 1, (short) 1).configs(Map.of("max.message.bytes", String.valueOf(BIG)));
    }

    private static <K, V> KafkaConsumer<K, V> consumer(org.apache.kafka.common.serialization.Deserializer<K> keys,
                                                       io.alertflow.streams.topics.Topic<?, V> topic) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, BIG);
        c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        KafkaConsumer<K, V> consumer = new KafkaConsumer<>(c, keys, topic.valueSerde().deserializer());
        consumer.assign(List.of(new TopicPartition(topic.name(), 0)));
        consumer.seekToBeginning(List.of(new TopicPartition(topic.name(), 0)));
        return consumer;
    }

    private static void awaitRunning() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            assertTrue(System.nanoTime() < deadline, "streams did not reach RUNNING: " + streams.state());
            ChildSleep.of(100);
        }
    }

    private void assertDeadLettered(long offset, String stage, String reasonContains) {
        DeadLetter letter = awaitDeadLetter(topics.alertsRaw().name(), offset);
        assertEquals(stage, letter.getStage());
        assertTrue(letter.getError().contains(reasonContains), "reason '" + letter.getError() + "' names " + reasonContains);
        assertTrue(letter.getValue().remaining() > 0, "the original bytes are kept");
        goodAlertStillProcessed();
    }

    private void assertWindowDeadLettered(MaintenanceWindow window, String reasonContains) {
        long offset = send(topics.maintenanceWindows().name(), window.getId(), topics.maintenanceWindows().valueSerde()
                .serializer().serialize(topics.maintenanceWindows().name(), window));
        DeadLetter letter = awaitDeadLetter(topics.maintenanceWindows().name(), offset);
        assertTrue(letter.getError().toLowerCase().contains(reasonContains.toLowerCase()), letter.getError());
        goodAlertStillProcessed();
    }

    /** A good alert written after the bad input becomes an incident: the pipeline is neither stuck nor dead. */
    private static void goodAlertStillProcessed() {
        String name = "good-" + UUID.randomUUID().toString().substring(0, 8);
        sendAlert(alert(name, Instant.now()));
        awaitIncident(i -> i.getServices().contains("svc-" + name));
    }

    private static Incident openIncident(String name) {
        sendAlert(alert(name, Instant.now()));
        return awaitIncident(i -> i.getServices().contains("svc-" + name));
    }

    private static long sendAction(String incidentId, ActionKind kind) {
        IncidentAction action = IncidentAction.newBuilder().setIncidentId(incidentId).setFingerprint(null).setAction(kind)
                .setActor("alice").setAt(Instant.now()).setNote(null).build();
        return send(topics.incidentActions().name(), incidentId, topics.incidentActions().valueSerde().serializer()
                .serialize(topics.incidentActions().name(), action));
    }

    /**
     * Waits until the incident index (a global store, loaded from its topic by the global thread) routes actions for
     * the incident: an action written the moment the incident appears can overtake its index entry and would wait
     * in actions-pending for it (actions.unknown-wait), which is another case, not this one.
     */
    private static void awaitIndexed(String incidentId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                ReadOnlyKeyValueStore<String, String> index = streams.store(StoreQueryParameters.fromNameAndType(
                        IncidentIndex.STORE, QueryableStoreTypes.<String, String>keyValueStore()));
                if (index.get("id:" + incidentId) != null) {
                    return;
                }
            } catch (InvalidStateStoreException notQueryableYet) {
                // the global store is (re)initialising: ask again
            }
            ChildSleep.of(100);
        }
        throw new AssertionError("incident " + incidentId + " not in the incident index within 45 s; streams " + streams.state());
    }

    private static Incident awaitIncident(java.util.function.Predicate<Incident> match) {
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (System.nanoTime() < deadline) {
            for (Incident i : seen) {
                if (match.test(i)) {
                    return i;
                }
            }
            incidents.poll(Duration.ofMillis(100)).forEach(r -> {
                if (r.value() != null) {
                    seen.add(r.value());
                }
            });
        }
        throw new AssertionError("no matching incident within 45 s; streams state " + streams.state());
    }

    private static DeadLetter awaitDeadLetter(String topic, long offset) {
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (System.nanoTime() < deadline) {
            for (DeadLetter l : letters) {
                if (l.getSourceTopic().equals(topic) && l.getOffset() == offset) {
                    return l;
                }
            }
            pollDeadLetters(Duration.ofMillis(100));
        }
        throw new AssertionError("no dead letter for " + topic + "@" + offset + " within 45 s; streams " + streams.state()
                + "; dead letters seen: " + letters.stream().map(l -> l.getStage() + " " + l.getSourceTopic() + "@" + l.getOffset())
                .toList());
    }

    private static void pollDeadLetters(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        do {
            dlq.poll(Duration.ofMillis(100)).forEach(r -> letters.add(r.value()));
        } while (System.nanoTime() < end);
    }

    private static long alertBytes(byte[] value) {
        return send(topics.alertsRaw().name(), null, value);
    }

    private static long sendAlert(RawAlert alert) {
        return send(topics.alertsRaw().name(), alert.getFingerprint(), serialize(alert));
    }

    private static long send(String topic, String key, byte[] value) {
        try {
            return producer.send(new ProducerRecord<>(topic, null, System.currentTimeMillis(),
                    key == null ? null : key.getBytes(StandardCharsets.UTF_8), value)).get().offset();
        } catch (Exception e) {
            throw new IllegalStateException("cannot write to " + topic, e);
        }
    }

    private static byte[] serialize(RawAlert alert) {
        return topics.alertsRaw().valueSerde().serializer().serialize(topics.alertsRaw().name(), alert);
    }

    static RawAlert alert(String name, Instant at) {
        Map<String, String> labels = Map.of("alertname", "Bad" + name.replaceAll("[^A-Za-z]", ""), "service", "svc-" + name,
                "severity", "critical");
        return RawAlert.newBuilder().setFingerprint(Fingerprint.of(labels)).setSource("test").setStatus(AlertStatus.FIRING)
                .setSeverity(Severity.CRITICAL).setLabels(labels).setAnnotations(Map.of()).setStartsAt(at.minusSeconds(5))
                .setEndsAt(null).setReceivedAt(at).setGeneratorUrl(null).setValue(null).build();
    }

    private static MaintenanceWindow window(String id, Matcher matcher, Recurrence recurrence, long lengthSeconds) {
        Instant now = Instant.now();
        return MaintenanceWindow.newBuilder().setId(id).setName(id).setMatchers(List.of(matcher)).setStartsAt(now)
                .setEndsAt(now.plusSeconds(lengthSeconds)).setRecurrence(recurrence).setCreatedBy("test").setComment(null).build();
    }

    private static Service service(String name, String dependsOn) {
        return Service.newBuilder().setName("svc-" + name).setTier(1).setTeam("t").setDependsOn(List.of("svc-" + dependsOn))
                .setRunbookUrl(null).setEscalation(null).setCorrelationGroup(null).build();
    }

    /** The first index of {@code needle} at or after {@code from}, or -1. */
    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Sleeping without checked exceptions. */
    static final class ChildSleep {
        static void of(long millis) {
            io.alertflow.reliability.harness.ChildJvm.sleep(millis);
        }
    }
}
