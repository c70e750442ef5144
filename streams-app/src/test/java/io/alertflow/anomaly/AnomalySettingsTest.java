package io.alertflow.anomaly;

import io.alertflow.config.ConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class AnomalySettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        AnomalySettings s = AnomalySettings.fromConfig(ConfigSource.of(Map.of()));
        assertEquals(5.0, s.surgeRatio());
        assertEquals(10, s.surgeMinCount());
        assertEquals(Duration.ofMinutes(30), s.metricWindow());
        assertEquals(3, s.metricConsecutive());
        assertEquals(30.0, s.metricMinRisePctPerHour());
        assertEquals(0.0, s.metricMinRisePerHour());
        assertEquals(Duration.ofHours(2), s.seriesRetention());
    }

    @Test
    void configuredValuesWin() {
        AnomalySettings s = AnomalySettings.fromConfig(ConfigSource.of(Map.of(
                AnomalySettings.SURGE_RATIO, "8", AnomalySettings.METRIC_WINDOW, "30m",
                "unrelated.key", "x")));
        assertEquals(8.0, s.surgeRatio());
        assertEquals(Duration.ofMinutes(30), s.metricWindow());
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                arguments("ratio not above 1", AnomalySettings.SURGE_RATIO, "1"),
                arguments("clear ratio above the ratio", AnomalySettings.SURGE_CLEAR_RATIO, "6"),
                arguments("window not a duration", AnomalySettings.METRIC_WINDOW, "soon"),
                arguments("zero consecutive", AnomalySettings.METRIC_CONSECUTIVE, "0"),
                arguments("too few samples", AnomalySettings.METRIC_MIN_SAMPLES, "2"),
                arguments("zero retention", AnomalySettings.SERIES_RETENTION, "0s"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectsInvalidValuesNamingTheKey(String name, String key, String value) {
        ConfigSource.ConfigException e = assertThrows(ConfigSource.ConfigException.class,
                () -> AnomalySettings.fromConfig(ConfigSource.of(Map.of(key, value))));
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }
}
