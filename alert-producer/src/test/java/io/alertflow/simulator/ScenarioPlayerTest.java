package io.alertflow.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.avro.ActionKind;
import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.ChangeEvent;
import io.alertflow.avro.ChangeKind;
import io.alertflow.avro.IncidentAction;
import io.alertflow.avro.MaintenanceWindow;
import io.alertflow.avro.MetricSample;
import io.alertflow.avro.RawAlert;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Plays the scenarios, compressed, against the real gateway server (records kept in memory). */
class ScenarioPlayerTest {
    static final double SPEED = 20_000;
    static final InMemoryGateway gateway = new InMemoryGateway();

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @BeforeEach
    void clear() {
        gateway.records.clear();
    }

    static PlaybackSummary play(Scenario scenario) throws InterruptedException {
        return new ScenarioPlayer(gateway.client(), ScenarioPlayer.Options.defaults().withSpeed(SPEED)).play(scenario);
    }

    static Stream<Arguments> scenarios() {
        return Stream.concat(
                Scenarios.names().stream().filter(n -> !n.equals("storm")).map(n -> Arguments.of(n, Scenarios.byName(n))),
                Stream.of(Arguments.of("storm (small)", Scenarios.storm(300, 5, Duration.ofMinutes(2)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shouldPlayEveryScenarioWithEveryRequestAccepted(String name, Scenario scenario) throws InterruptedException {
        PlaybackSummary summary = play(scenario);
        assertEquals(0, summary.failedRequests(), summary.toString());
        assertTrue(summary.requests() > 0);
        assertEquals(summary.alertNotifications(), gateway.on("alerts.raw").size());
    }

    @Test
    void shouldPlayThePaymentOutageAsPrometheusAndAPagerDutyResponderWould() throws InterruptedException {
        Scenario scenario = Scenarios.paymentOutage();
        PlaybackSummary summary = play(scenario);
        String pool = AlertSpecs.pool().fingerprint();

        List<RawAlert> poolNotifications = gateway.on("alerts.raw").stream().map(r -> (RawAlert) r.value())
                .filter(a -> a.getFingerprint().equals(pool)).toList();
        assertTrue(poolNotifications.size() > 2, "the pool alert is re-sent while it fires");
        assertEquals(2, poolNotifications.stream().filter(a -> a.getStatus() == AlertStatus.RESOLVED).count(), "resolved, recurred, resolved");
        assertEquals(2, poolNotifications.stream().map(RawAlert::getStartsAt).distinct().count(), "the recurrence has a new startsAt");
        assertTrue(summary.resends() > 0);

        IncidentAction ack = (IncidentAction) gateway.on("incident.actions").get(0).value();
        assertEquals(ActionKind.ACKNOWLEDGE, ack.getAction());
        assertEquals(pool, ack.getFingerprint(), "PagerDuty acknowledge by dedup_key = the alert's fingerprint");
        IncidentAction mitigate = (IncidentAction) gateway.on("incident.actions").get(1).value();
        assertEquals(ActionKind.MITIGATE, mitigate.getAction());
        assertNull(mitigate.getIncidentId());

        List<ChangeEvent> changes = gateway.on("changes").stream().map(r -> (ChangeEvent) r.value()).toList();
        assertEquals(List.of(ChangeKind.DEPLOY, ChangeKind.ROLLBACK), changes.stream().map(ChangeEvent::getKind).toList());
        assertEquals(4, gateway.on("services").size());
    }

    @Test
    void shouldCompressTheNightlyWindowIntoARecurringWindowOfTheCompressedLength() throws InterruptedException {
        play(Scenarios.nightlyBatch());
        MaintenanceWindow window = (MaintenanceWindow) gateway.on("maintenance.windows").get(0).value();
        assertTrue(window.getRecurrence().getRrule().startsWith("FREQ=DAILY;BYHOUR="));
        assertEquals(Math.round(3_600_000 / SPEED), window.getRecurrence().getDurationMs());
        assertEquals(0, window.getStartsAt().getNano() % 1_000_000_000, "DTSTART on a whole second, so it is the first occurrence");
    }

    @Test
    void shouldSendMetricSamplesForTheGradualLatencyRise() throws InterruptedException {
        play(Scenarios.gradualLatency(7));
        List<MetricSample> samples = gateway.on("metrics.samples").stream().map(r -> (MetricSample) r.value()).toList();
        assertEquals(121, samples.size());
        double firstTen = samples.subList(0, 10).stream().mapToDouble(MetricSample::getValue).average().orElseThrow();
        double lastTen = samples.subList(111, 121).stream().mapToDouble(MetricSample::getValue).average().orElseThrow();
        assertTrue(lastTen / firstTen > 1.35 && lastTen / firstTen < 1.65, "about +50% in an hour: " + firstTen + " -> " + lastTen);
        assertTrue(samples.stream().allMatch(s -> s.getValue() < 400), "never crosses a 400 ms threshold");
    }

    @Test
    void shouldMapScenarioOffsetsToCompressedRealTime() {
        Instant start = Instant.parse("2024-05-01T00:00:00Z");
        ScenarioClock clock = new ScenarioClock(Clock.fixed(start, ZoneOffset.UTC), 60);
        assertEquals(start.plusSeconds(60), clock.realAt(Duration.ofHours(1)));
        assertEquals(Duration.ofSeconds(5), clock.real(Duration.ofMinutes(5)));
    }

    @Test
    void shouldCapTheAlertRate() throws InterruptedException {
        Scenario burst = Scenario.builder("burst", "200 alerts at once").resendEvery(null)
                .at(0, new StepAction.Fire(Scenarios.storm(200, 2, Duration.ofMinutes(1)).steps().stream()
                        .filter(s -> s.action() instanceof StepAction.Fire).flatMap(s -> ((StepAction.Fire) s.action()).alerts().stream())
                        .toList()))
                .build(0);
        long start = System.nanoTime();
        new ScenarioPlayer(gateway.client(), new ScenarioPlayer.Options(SPEED, 400, "k", Clock.systemUTC(), null)).play(burst);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 200, "200 alerts at 400/s take at least half a second minus the first batch: " + millis + " ms");
        assertEquals(200, gateway.on("alerts.raw").size());
    }

    /** Alerts of the payment-outage scenario referenced by the test. */
    static final class AlertSpecs {
        static AlertSpec pool() {
            return AlertSpec.of("DBConnectionPoolExhausted", "payments-db", "critical", "payments-db connection pool exhausted")
                    .with("instance", "payments-db-0");
        }
    }
}
