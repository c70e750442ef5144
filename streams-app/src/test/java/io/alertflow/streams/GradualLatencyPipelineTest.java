package io.alertflow.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.avro.Anomaly;
import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.Incident;
import io.alertflow.avro.MetricSample;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Service;
import io.alertflow.avro.Severity;
import io.alertflow.streams.config.AlertflowConfig;
import io.alertflow.streams.topics.Topic;
import io.alertflow.streams.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue "rate-of-change anomaly detection" with topology II present: a p99 latency rising 1 %/min
 * opens an incident through the synthetic alert well before it reaches 400 ms, and the threshold
 * alert that fires later joins that incident.
 */
class GradualLatencyPipelineTest {
    static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");

    @TempDir
    Path stateDir;

    @Test
    void risingLatencyOpensAnIncidentBeforeTheThresholdAlertAndTheAlertJoinsIt() {
        AlertflowConfig cfg = AlertflowConfig.of(Map.of("schema.registry.url", "mock://" + UUID.randomUUID(),
                "state.dir", stateDir.toString(), "timers.interval", "15s"));
        Topics topics = Topics.from(cfg);
        try (TopologyTestDriver driver = new TopologyTestDriver(AlertflowTopology.build(cfg, topics), cfg.streamsProperties(), T0)) {
            input(driver, topics.services()).pipeInput("checkout", Service.newBuilder().setName("checkout").setTier(1).build(), T0);
            TestInputTopic<String, MetricSample> samples = input(driver, topics.metricsSamples());
            TestInputTopic<String, RawAlert> raw = input(driver, topics.alertsRaw());
            TestOutputTopic<String, Incident> incidents = output(driver, topics.incidents());
            TestOutputTopic<String, Anomaly> anomalies = output(driver, topics.anomalies());

            Random noise = new Random(42);
            Instant reached400 = null;
            Instant incidentAt = null;
            Map<String, Incident> latest = new LinkedHashMap<>();
            for (Instant at = T0; at.isBefore(T0.plus(Duration.ofMinutes(90))); at = at.plusSeconds(15)) {
                double minutes = Duration.between(T0, at).toSeconds() / 60.0;
                double trend = 200 * Math.pow(1.01, minutes);
                double value = trend * (1 + (noise.nextDouble() * 0.10 - 0.05));
                driver.advanceWallClockTime(Duration.ofSeconds(15));
                samples.pipeInput("checkout-p99", MetricSample.newBuilder().setSeries("checkout-p99").setName("http_p99_ms")
                        .setService("checkout").setAt(at).setValue(value).build(), at);
                if (reached400 == null && trend >= 400) {
                    reached400 = at;
                    // The threshold alert finally fires.
                    raw.pipeInput(null, RawAlert.newBuilder().setSource("prometheus").setStatus(AlertStatus.FIRING)
                            .setSeverity(Severity.CRITICAL).setLabels(Map.of("alertname", "HighLatency", "service", "checkout"))
                            .setStartsAt(at).setReceivedAt(at).build(), at);
                }
                for (Incident i : incidents.readValuesToList()) {
                    latest.put(i.getId(), i);
                    if (incidentAt == null) {
                        incidentAt = at;
                    }
                }
            }
            assertNotNull(reached400);
            assertNotNull(incidentAt, "the anomaly opened an incident");
            assertTrue(Duration.between(incidentAt, reached400).toMinutes() >= 15,
                    "incident at " + incidentAt + ", 400 ms at " + reached400);
            assertEquals(1, latest.size(), "the threshold alert joined the anomaly's incident: " + latest.keySet());
            Incident incident = latest.values().iterator().next();
            assertEquals(2, incident.getAlerts().size());
            assertEquals(List.of("checkout"), incident.getServices());
            assertTrue(anomalies.readValuesToList().stream().anyMatch(a -> !a.getCleared()));
        }
    }

    static <V> TestInputTopic<String, V> input(TopologyTestDriver d, Topic<String, V> topic) {
        return d.createInputTopic(topic.name(), Serdes.String().serializer(), topic.valueSerde().serializer());
    }

    static <V> TestOutputTopic<String, V> output(TopologyTestDriver d, Topic<String, V> topic) {
        return d.createOutputTopic(topic.name(), Serdes.String().deserializer(), topic.valueSerde().deserializer());
    }
}
