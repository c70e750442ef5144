package io.alertflow.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.avro.ActionKind;
import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.ChangeEvent;
import io.alertflow.avro.ChangeKind;
import io.alertflow.avro.EscalationPolicy;
import io.alertflow.avro.Incident;
import io.alertflow.avro.IncidentAction;
import io.alertflow.avro.IncidentMetrics;
import io.alertflow.avro.IncidentState;
import io.alertflow.avro.NoiseReport;
import io.alertflow.avro.Page;
import io.alertflow.avro.PageKind;
import io.alertflow.avro.Priority;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Service;
import io.alertflow.avro.ServiceMetrics;
import io.alertflow.avro.Severity;
import io.alertflow.streams.config.AlertflowConfig;
import io.alertflow.streams.topics.Topic;
import io.alertflow.streams.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The payment-outage story through the whole topology, from raw Prometheus-style notifications (with
 * re-sends every 30 s) to incidents, pages, TTD/TTA/TTR, service metrics and the noise report.
 */
class PaymentOutagePipelineTest {
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    @TempDir
    Path stateDir;
    TopologyTestDriver driver;
    Topics topics;
    TestInputTopic<String, RawAlert> raw;
    TestInputTopic<String, IncidentAction> actions;
    TestOutputTopic<String, Incident> incidents;
    TestOutputTopic<String, Page> pages;
    Instant clock = T0;

    @BeforeEach
    void start() {
        Map<String, String> settings = new HashMap<>(Map.of("schema.registry.url", "mock://" + UUID.randomUUID(),
                "state.dir", stateDir.toString(), "timers.interval", "15s"));
        settings.putAll(stateSettings());
        AlertflowConfig cfg = AlertflowConfig.of(settings);
        topics = Topics.from(cfg);
        driver = new TopologyTestDriver(AlertflowTopology.build(cfg, topics), cfg.streamsProperties(), T0);
        raw = input(topics.alertsRaw());
        actions = input(topics.incidentActions());
        incidents = output(topics.incidents());
        pages = output(topics.pages());
        TestInputTopic<String, Service> services = input(topics.services());
        for (Service s : catalog()) {
            services.pipeInput(s.getName(), s, T0);
        }
        input(topics.changes()).pipeInput("payments-api", ChangeEvent.newBuilder().setId("deploy-231").setService("payments-api")
                .setKind(ChangeKind.DEPLOY).setVersion("v2.3.1").setAuthor("ci").setAt(T0).build(), T0);
    }

    /** Where state lives; the defaults (RocksDB) here, heap stores in {@link PaymentOutageOnHeapStoresTest}. */
    Map<String, String> stateSettings() {
        return Map.of();
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    static List<Service> catalog() {
        EscalationPolicy policy = EscalationPolicy.newBuilder().setAckTimeoutMs(Duration.ofMinutes(5).toMillis())
                .setLevels(List.of("payments-primary", "payments-secondary")).build();
        return List.of(
                Service.newBuilder().setName("api-gateway").setTier(1).setDependsOn(List.of("payments-api")).build(),
                Service.newBuilder().setName("checkout").setTier(1).setDependsOn(List.of("payments-api")).build(),
                Service.newBuilder().setName("payments-api").setTier(1).setDependsOn(List.of("payments-db")).setEscalation(policy).build(),
                Service.newBuilder().setName("payments-db").setTier(1).setEscalation(policy).build());
    }

    <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), Serdes.String().serializer(), topic.valueSerde().serializer());
    }

    <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), Serdes.String().deserializer(), topic.valueSerde().deserializer());
    }

    static Instant t(String offset) {
        return T0.plus(Duration.parse("PT" + offset.toUpperCase()));
    }

    /** One notification as Prometheus sends it: same labels each time, receivedAt = now. */
    void send(String alertname, String service, Severity severity, Instant startsAt, AlertStatus status, Instant at) {
        advanceTo(at);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", alertname);
        labels.put("service", service);
        RawAlert a = RawAlert.newBuilder().setSource("prometheus").setStatus(status).setSeverity(severity)
                .setLabels(labels).setStartsAt(startsAt).setEndsAt(status == AlertStatus.RESOLVED ? at : null)
                .setReceivedAt(at).build();
        raw.pipeInput(null, a, at);
    }

    /** Fires at {@code from} and re-sends every 30 s until {@code until} (exclusive), then resolves at {@code until}. */
    void fireAndResend(String alertname, String service, Severity severity, Instant startsAt, Instant from, Instant until,
                       Map<Instant, List<Runnable>> timeline) {
        for (Instant at = from; at.isBefore(until); at = at.plusSeconds(30)) {
            Instant when = at;
            at(timeline, when, () -> send(alertname, service, severity, startsAt, AlertStatus.FIRING, when));
        }
        at(timeline, until, () -> send(alertname, service, severity, startsAt, AlertStatus.RESOLVED, until));
    }

    static void at(Map<Instant, List<Runnable>> timeline, Instant when, Runnable r) {
        timeline.computeIfAbsent(when, k -> new java.util.ArrayList<>()).add(r);
    }

    void advanceTo(Instant to) {
        while (clock.isBefore(to)) {
            Duration step = Duration.ofSeconds(Math.min(15, Duration.between(clock, to).toSeconds()));
            driver.advanceWallClockTime(step);
            clock = clock.plus(step);
        }
    }

    @Test
    void paymentOutageEndToEnd() {
        Map<Instant, List<Runnable>> byTime = new java.util.TreeMap<>();
        fireAndResend("HighMemoryUsage", "payments-api", Severity.ERROR, t("1m"), t("2m"), t("20m"), byTime);
        fireAndResend("DBConnectionPoolExhausted", "payments-db", Severity.CRITICAL, t("2m30s"), t("3m"), t("21m"), byTime);
        fireAndResend("HighErrorRate", "checkout", Severity.ERROR, t("3m30s"), t("4m"), t("22m"), byTime);
        fireAndResend("HighErrorRate", "api-gateway", Severity.ERROR, t("4m"), t("4m30s"), t("22m30s"), byTime);
        // Play in time order, with the responder's actions in between.
        at(byTime, t("9m"), () -> act(ActionKind.ACKNOWLEDGE, t("9m")));
        at(byTime, t("15m"), () -> act(ActionKind.MITIGATE, t("15m")));
        byTime.values().forEach(list -> list.forEach(Runnable::run));
        advanceTo(t("43m"));
        send("DBConnectionPoolExhausted", "payments-db", Severity.CRITICAL, t("43m"), AlertStatus.FIRING, t("43m"));

        Map<String, Incident> latest = new LinkedHashMap<>();
        incidents.readValuesToList().forEach(i -> latest.put(i.getId(), i));
        assertEquals(1, latest.size(), latest::toString);
        Incident incident = latest.values().iterator().next();
        assertEquals("payments-db", incident.getRootCauseService());
        assertEquals(Priority.P1, incident.getPriority());
        assertEquals("deploy-231", incident.getSuspectChanges().get(0).getId());
        assertEquals(IncidentState.TRIGGERED, incident.getState());
        assertEquals(1, incident.getReopenCount());
        assertEquals(List.of(PageKind.TRIGGER, PageKind.ESCALATE, PageKind.RESOLVE, PageKind.REOPEN),
                pages.readValuesToList().stream().map(Page::getKind).toList());
        assertTrue(incident.getDuplicateCount() > 100, "re-sends were absorbed: " + incident.getDuplicateCount());

        IncidentMetrics m = output(topics.incidentMetrics()).readValue();
        assertEquals(60_000, m.getTtdMs());
        assertEquals(Duration.ofMinutes(7).toMillis(), m.getTtaMs());
        assertEquals(Duration.parse("PT20M30S").toMillis(), m.getTtrMs());

        Map<String, ServiceMetrics> hourly = new HashMap<>();
        output(topics.serviceMetrics()).readValuesToList().forEach(s -> hourly.put(s.getService(), s));
        assertEquals(2, hourly.get("payments-db").getAlerts(), "first occurrence and the recurrence");
        assertEquals(Duration.parse("PT20M30S").toMillis(), hourly.get("payments-db").getMttrMs());

        Map<String, NoiseReport> noise = new HashMap<>();
        output(topics.alertsNoise()).readValuesToList().forEach(n -> noise.put(n.getAlertname() + "@" + n.getService(), n));
        NoiseReport pool = noise.get("DBConnectionPoolExhausted@payments-db");
        assertEquals(2, pool.getFired());
        assertEquals(1, pool.getFlaps());
        assertEquals(1, pool.getIncidents());
        assertEquals(0, pool.getResolvedWithoutAck());
    }

    void act(ActionKind kind, Instant at) {
        advanceTo(at);
        // Addressed by alert fingerprint, as a PagerDuty acknowledge by dedup_key arrives.
        String fp = io.alertflow.alert.Fingerprint.of(Map.of("alertname", "DBConnectionPoolExhausted", "service", "payments-db"));
        actions.pipeInput(null, IncidentAction.newBuilder().setFingerprint(fp).setAction(kind).setActor("alice").setAt(at).build(), at);
    }
}
