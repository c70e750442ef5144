package io.alertflow.streams.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.config.ConfigSource;
import io.alertflow.streams.clock.TimerMode;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AlertflowConfigTest {

    @Test
    void defaultsAreDocumentedAndGiveTheKafkaDefaultsInOnePlace() {
        AlertflowConfig cfg = AlertflowConfig.of(Map.of());
        assertTrue(AlertflowConfig.SETTINGS.stream().allMatch(s -> !s.doc().isBlank()));
        Properties p = cfg.streamsProperties();
        assertEquals("exactly_once_v2", p.get("processing.guarantee"));
        assertEquals("all", p.get("producer.acks"));
        assertEquals(true, p.get("producer.enable.idempotence"));
        assertEquals(true, p.get("processing.exception.handler.global.enabled"));
        assertEquals("none", p.get("topology.optimization"));
        assertEquals("alerts.dlq", p.get(AlertflowConfig.DLQ_TOPIC_PROPERTY));
        assertEquals(TimerMode.WALL_CLOCK, cfg.timers().mode());
        assertEquals(Duration.ofMinutes(5), cfg.staleAfter());
        assertEquals("alerts.raw", cfg.topicName("alerts.raw"));
    }

    @Test
    void kafkaPassThroughKeysWinAndEnvironmentOverridesApply() {
        AlertflowConfig cfg = AlertflowConfig.load(null, Map.of("ALERTFLOW_TIMERS_MODE", "stream-time",
                "ALERTFLOW_KAFKA_SECURITY_PROTOCOL", "SASL_SSL"), Map.of("kafka.processing.guarantee", "at_least_once"));
        assertEquals(TimerMode.STREAM_TIME, cfg.timers().mode());
        assertEquals("at_least_once", cfg.streamsProperties().get("processing.guarantee"));
        assertEquals("SASL_SSL", cfg.streamsProperties().get("security.protocol"));
    }

    @Test
    void malformedValuesFailAtStartNamingTheKey() {
        ConfigSource.ConfigException e = assertThrows(ConfigSource.ConfigException.class,
                () -> AlertflowConfig.of(Map.of("timers.mode", "sometimes")));
        assertTrue(e.getMessage().contains("timers.mode"));
        assertThrows(ConfigSource.ConfigException.class, () -> AlertflowConfig.of(Map.of("dedup.retention", "0s")));
    }

    @Test
    void theStartupSummaryHidesSecrets() {
        AlertflowConfig cfg = AlertflowConfig.of(Map.of("schema.registry.url", "https://bob:hunter2@registry:8081"));
        String summary = cfg.summary();
        assertTrue(summary.contains("schema.registry.url=https://***@registry:8081"), summary);
        assertFalse(summary.contains("hunter2"));
    }
}
