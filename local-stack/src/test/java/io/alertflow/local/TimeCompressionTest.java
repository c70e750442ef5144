package io.alertflow.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.local.config.ConfigCatalog;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Scenario-time settings shrink with the compression; real-time ones stay; rates grow. */
class TimeCompressionTest {
    static final Pattern DURATION = Pattern.compile("\\d+(\\.\\d+)?\\s*(ms|s|m|min|h|d)|PT\\d.*|P\\d+D.*");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("stale-after 5 min at 150x is 2 s", "alert.stale-after", "5m", 150, "2000ms"),
                Arguments.of("observation 10 min at 150x is 4 s", "resolve.observation", "10m", 150, "4000ms"),
                Arguments.of("reopen window 30 min at 60x is 30 s", "reopen.window", "30m", 60, "30000ms"),
                Arguments.of("escalation timeouts shrink too", "escalation.default-ack-timeout.P1", "5m", 150, "2000ms"),
                Arguments.of("timer period stops at 100 ms", "timers.interval", "5s", 150, "100ms"),
                Arguments.of("a long timer period still shrinks", "anomaly.cleanup-interval", "1m", 150, "400ms"),
                Arguments.of("a rate per scenario hour is a bigger rate per real hour", "anomaly.metric.min-rise-pct-per-hour", "30",
                        150, "4500.0"),
                Arguments.of("clock skew is measured against the real clock", "validation.max-clock-skew", "5m", 150, null),
                Arguments.of("keys it does not know stay", "num.stream.threads", "1", 150, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void compresses(String name, String key, String defaultValue, double speed, String expected) {
        assertEquals(expected, TimeCompression.overrides(Map.of(key, defaultValue), speed).get(key));
    }

    @Test
    void realTimeChangesNothing() {
        assertEquals(Map.of(), TimeCompression.overrides(ConfigCatalog.defaultsOf("streams"), 1));
    }

    @Test
    void slowMotionIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TimeCompression.overrides(Map.of(), 0.5));
    }

    /** A new duration key must be classified, or the demo would silently run it in real time. */
    @Test
    void everyDurationKeyOfTheStreamsAppIsClassified() {
        Set<String> classified = new HashSet<>();
        TimeCompression.classified().forEach(classified::addAll);
        Set<String> unclassified = new TreeSet<>();
        ConfigCatalog.defaultsOf("streams").forEach((key, value) -> {
            if (DURATION.matcher(value.trim()).matches() && !classified.contains(key)) {
                unclassified.add(key);
            }
        });
        assertEquals(Set.of(), unclassified, "add these keys to one of TimeCompression's sets");
    }

    @Test
    void everyScenarioKeyIsCompressedWithTheDefaults() {
        Map<String, String> compressed = TimeCompression.overrides(ConfigCatalog.defaultsOf("streams"), 150);
        for (String key : TimeCompression.SCENARIO_DURATIONS) {
            assertTrue(compressed.containsKey(key), key + " is not among the streams app's keys any more");
        }
    }
}
