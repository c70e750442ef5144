package io.alertflow.incident;

import static io.alertflow.incident.Alerts.T0;
import static io.alertflow.incident.Alerts.fired;
import static io.alertflow.incident.Alerts.resolved;
import static io.alertflow.incident.Alerts.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.avro.ActionKind;
import io.alertflow.avro.AlertChange;
import io.alertflow.avro.ChangeEvent;
import io.alertflow.avro.DeadLetter;
import io.alertflow.avro.Incident;
import io.alertflow.avro.IncidentAction;
import io.alertflow.avro.IncidentMetrics;
import io.alertflow.avro.IncidentState;
import io.alertflow.avro.Page;
import io.alertflow.avro.PageKind;
import io.alertflow.avro.Service;
import io.alertflow.avro.Severity;
import io.alertflow.avro.Tally;
import io.alertflow.correlation.ActionRouter;
import io.alertflow.correlation.ServiceCatalog;
import io.alertflow.streams.config.AlertflowConfig;
import io.alertflow.streams.topics.Topic;
import io.alertflow.streams.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The incident stage on TopologyTestDriver: routing, the repartition topic, stores, timers and outputs. */
class IncidentStageTest {
    static final String CHANGES_IN = "test.alert-changes";

    TopologyTestDriver driver;
    Topics topics;
    TestInputTopic<String, AlertChange> alerts;
    TestInputTopic<String, Service> services;
    TestInputTopic<String, ChangeEvent> changes;
    TestInputTopic<String, IncidentAction> actions;
    TestOutputTopic<String, Incident> incidents;
    TestOutputTopic<String, Page> pages;
    TestOutputTopic<String, IncidentMetrics> metrics;
    TestOutputTopic<byte[], DeadLetter> dlq;
    Instant clock = T0;

    @BeforeEach
    void start() {
        AlertflowConfig cfg = AlertflowConfig.of(Map.of("schema.registry.url", "mock://incident-stage-" + UUID.randomUUID(),
                "timers.mode", "wall-clock", "timers.interval", "30s"));
        topics = Topics.from(cfg);
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, AlertChange> in = builder.stream(CHANGES_IN,
                Consumed.with(Serdes.String(), topics.alertChangeSerde()).withName("test-alert-changes-source"));
        Topic<String, String> index = new Topic<>("alertflow.incident-index", Serdes.String(), Serdes.String(), true);
        KStream<String, Tally> tallies = IncidentStage.wire(builder, in, topics, index, IncidentSettings.defaults(),
                cfg.timers(), new ServiceCatalog(), cfg.stateStores());
        tallies.foreach((k, v) -> { }, org.apache.kafka.streams.kstream.Named.as("test-tallies-sink"));
        Properties props = cfg.streamsProperties();
        props.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/incident-stage-" + UUID.randomUUID());
        driver = new TopologyTestDriver(builder.build(), props, T0);
        alerts = driver.createInputTopic(CHANGES_IN, Serdes.String().serializer(), topics.alertChangeSerde().serializer());
        services = input(topics.services());
        changes = input(topics.changes());
        actions = input(topics.incidentActions());
        incidents = output(topics.incidents());
        pages = output(topics.pages());
        metrics = output(topics.incidentMetrics());
        dlq = driver.createOutputTopic(topics.alertsDlq().name(), Serdes.ByteArray().deserializer(),
                topics.alertsDlq().valueSerde().deserializer());
        Alerts.paymentCatalog().forEach(s -> services.pipeInput(s.getName(), s, T0));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), Serdes.String().serializer(), topic.valueSerde().serializer());
    }

    <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), Serdes.String().deserializer(), topic.valueSerde().deserializer());
    }

    /** Moves the wall clock to {@code to} in timer-sized steps, as a running app would experience it. */
    void advanceTo(Instant to) {
        while (clock.isBefore(to)) {
            Duration step = Duration.ofSeconds(Math.min(30, Duration.between(clock, to).toSeconds()));
            driver.advanceWallClockTime(step);
            clock = clock.plus(step);
        }
    }

    void alert(AlertChange c) {
        advanceTo(c.getAt());
        alerts.pipeInput(c.getFingerprint(), c, c.getAt());
    }

    void act(String incidentId, String fingerprint, ActionKind kind, Instant at) {
        advanceTo(at);
        IncidentAction a = IncidentAction.newBuilder().setIncidentId(incidentId).setFingerprint(fingerprint)
                .setAction(kind).setActor("alice").setAt(at).build();
        actions.pipeInput(incidentId, a, at);
    }

    @Test
    void paymentOutageStoryProducesOneIncidentAndExactlyThePagesItShould() {
        changes.pipeInput("payments-api", Alerts.deploy("chg-7", "payments-api", "v2.3.1", T0), T0);
        AlertChange memory = fired("HighMemoryUsage", "payments-api", Severity.ERROR, t("1m"), t("2m"));
        AlertChange pool = fired("DBConnectionPoolExhausted", "payments-db", Severity.CRITICAL, t("2m30s"), t("3m"));
        AlertChange checkout = fired("HighErrorRate", "checkout", Severity.ERROR, t("3m30s"), t("4m"));
        AlertChange gateway = fired("HighErrorRate", "api-gateway", Severity.ERROR, t("4m"), t("4m30s"));
        alert(memory);
        alert(pool);
        alert(checkout);
        alert(gateway);
        String id = incidents.readValuesToList().get(0).getId();
        // Acknowledged by fingerprint, as a PagerDuty acknowledge by dedup_key arrives.
        act(null, pool.getFingerprint(), ActionKind.ACKNOWLEDGE, t("9m"));
        act(id, null, ActionKind.MITIGATE, t("15m"));
        alert(resolved(memory, t("20m"), 3));
        alert(resolved(pool, t("21m"), 3));
        alert(resolved(checkout, t("22m"), 3));
        alert(resolved(gateway, t("22m30s"), 3));
        advanceTo(t("33m"));
        alert(fired("DBConnectionPoolExhausted", "payments-db", Severity.CRITICAL, t("43m"), t("43m"), 2));

        Map<String, Incident> latest = new LinkedHashMap<>();
        incidents.readValuesToList().forEach(i -> latest.put(i.getId(), i));
        assertEquals(List.of(id), List.copyOf(latest.keySet()));
        Incident incident = latest.get(id);
        assertEquals("payments-db", incident.getRootCauseService());
        assertEquals("chg-7", incident.getSuspectChanges().get(0).getId());
        assertEquals(IncidentState.TRIGGERED, incident.getState());
        assertEquals(1, incident.getReopenCount());
        assertEquals(List.of(PageKind.TRIGGER, PageKind.ESCALATE, PageKind.RESOLVE, PageKind.REOPEN),
                pages.readValuesToList().stream().map(Page::getKind).toList());
        IncidentMetrics m = metrics.readValue();
        assertEquals(60_000, m.getTtdMs());
        assertEquals(Duration.ofMinutes(7).toMillis(), m.getTtaMs());
        assertEquals(Duration.parse("PT20M30S").toMillis(), m.getTtrMs());
        assertTrue(dlq.isEmpty());
    }

    @Test
    void actionForAnIncidentThatStaysUnknownIsDeadLetteredAfterTheWaitAndProcessingContinues() {
        act("INC-000000000000", null, ActionKind.ACKNOWLEDGE, t("1m"));
        assertTrue(dlq.isEmpty(), "the incident index may trail a new incident: the action waits first");
        assertEquals(1, count(driver.getKeyValueStore(ActionRouter.PENDING_STORE)));
        alert(fired("DiskFull", "payments-db", Severity.CRITICAL, t("2m"), t("2m")));
        assertEquals(1, incidents.readValuesToList().size());
        DeadLetter letter = dlq.readValue();
        assertTrue(letter.getError().contains("names incident INC-000000000000, which is unknown"), letter.getError());
        assertTrue(letter.getError().contains("(waited 10 s)"), letter.getError());
        assertEquals("correlation-router", letter.getStage());
        assertEquals(topics.incidentActions().name(), letter.getSourceTopic());
        assertEquals(0L, letter.getOffset());
        assertEquals(0, count(driver.getKeyValueStore(ActionRouter.PENDING_STORE)), "nothing is left waiting");
    }

    @Test
    void actionsThatOvertakeTheirIncidentWaitForItAndAreAppliedInOrder() {
        AlertChange pool = fired("DBConnectionPoolExhausted", "payments-db", Severity.CRITICAL, t("1m"), t("1m"));
        // A bot acknowledges by dedup_key before the incident index knows the alert...
        act(null, pool.getFingerprint(), ActionKind.ACKNOWLEDGE, t("1m"));
        alerts.pipeInput(pool.getFingerprint(), pool, pool.getAt());
        // ...and resolves once it is known: the resolve must not overtake the waiting acknowledge.
        act(null, pool.getFingerprint(), ActionKind.RESOLVE, t("1m"));
        assertEquals(2, count(driver.getKeyValueStore(ActionRouter.PENDING_STORE)));
        advanceTo(t("1m30s")); // the next timer tick
        List<Incident> versions = incidents.readValuesToList();
        Incident last = versions.get(versions.size() - 1);
        assertEquals(IncidentState.RESOLVED, last.getState());
        assertTrue(last.getAcknowledgedAt() != null, "acknowledged first, then resolved: " + versions);
        assertTrue(dlq.isEmpty(), "neither action was dead-lettered");
        assertEquals(0, count(driver.getKeyValueStore(ActionRouter.PENDING_STORE)));
    }

    /** Opens an incident, resolves it by hand, then acknowledges it (the second record of incident.actions); returns its id. */
    private String acknowledgeAfterResolving() {
        alert(fired("DiskFull", "payments-db", Severity.CRITICAL, t("1m"), t("1m")));
        String id = incidents.readValuesToList().get(0).getId();
        act(id, null, ActionKind.RESOLVE, t("2m"));
        act(id, null, ActionKind.ACKNOWLEDGE, t("3m"));
        return id;
    }

    @Test
    void acknowledgingAResolvedIncidentIsADeadLetterWithTheReason() {
        String id = acknowledgeAfterResolving();
        DeadLetter letter = dlq.readValue();
        assertEquals("incident", letter.getStage());
        assertTrue(letter.getError().contains("a RESOLVED incident cannot be acknowledged"), letter.getError());
        assertEquals(id, new String(io.alertflow.dlq.DeadLetters.originalKey(letter), java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(letter.getValue() != null, "the original action bytes are kept");
        assertEquals(IncidentState.RESOLVED, incidents.readValuesToList().get(0).getState());
        assertTrue(incidents.isEmpty(), "a rejected action changes nothing");
    }

    @Test
    void aRejectedActionsDeadLetterNamesTheActionsTopicAndOffsetNotTheRepartitionTopic() {
        acknowledgeAfterResolving();
        DeadLetter letter = dlq.readValue();
        // The engine reads the action from the correlation-events repartition topic; a person looks for it in incident.actions.
        assertEquals(topics.incidentActions().name(), letter.getSourceTopic());
        assertEquals(0, letter.getPartition());
        assertEquals(1L, letter.getOffset(), "the ACKNOWLEDGE is the second record of incident.actions");
    }

    @Test
    void resolvedIncidentLeavesEveryStoreAfterRetention() {
        AlertChange a = fired("DiskFull", "payments-db", Severity.CRITICAL, t("1m"), t("1m"));
        alert(a);
        changes.pipeInput("payments-db", Alerts.deploy("chg-1", "payments-db", "v1", t("30s")), t("1m"));
        alert(resolved(a, t("2m"), 0));
        KeyValueStore<String, ?> store = driver.getKeyValueStore(IncidentProcessor.INCIDENT_STORE);
        KeyValueStore<String, ?> keys = driver.getKeyValueStore(IncidentProcessor.KEY_STORE);
        KeyValueStore<String, ?> recent = driver.getKeyValueStore(IncidentProcessor.CHANGE_STORE);
        assertEquals(1, count(store));
        assertEquals(1, count(keys));
        assertEquals(1, count(recent));
        advanceTo(t("2m").plus(Duration.ofMinutes(10 + 30 + 60 + 2)));
        assertEquals(0, count(store));
        assertEquals(0, count(keys));
        assertEquals(0, count(recent));
    }

    static long count(KeyValueStore<?, ?> store) {
        try (var it = store.all()) {
            long n = 0;
            while (it.hasNext()) {
                it.next();
                n++;
            }
            return n;
        }
    }
}
