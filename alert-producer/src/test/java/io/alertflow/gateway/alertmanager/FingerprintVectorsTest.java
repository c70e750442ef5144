package io.alertflow.gateway.alertmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.alertflow.alert.Fingerprint;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gateway keys alerts by Alertmanager's fingerprint. The expected values were computed once,
 * independently, by a Go program using hash/fnv (New64a) and sort.Strings exactly like
 * Alertmanager's model.LabelSet.Fingerprint, and pasted here as constants.
 */
class FingerprintVectorsTest {

    static Stream<Arguments> vectors() {
        return Stream.of(
                Arguments.of("empty label set", Map.of(), "cbf29ce484222325"),
                Arguments.of("Prometheus' own test vector", Map.of("name", "garland, briggs", "fear", "love is not enough"), "507a62d79ee76c9a"),
                Arguments.of("typical alert", Map.of("alertname", "HighErrorRate", "service", "payments-api", "severity", "critical"),
                        "9ebc82f04146c38f"),
                Arguments.of("an empty label value", Map.of("alertname", "Disk", "instance", "", "job", "node"), "68865526f216261b"),
                Arguments.of("unicode values", Map.of("alertname", "Ünïcödé", "city", "Zürich", "emoji", "🔥 fire", "cjk", "東京"),
                        "dd033fcb07c33267"),
                Arguments.of("single label", Map.of("alertname", "x"), "d240efc3896bf266"),
                Arguments.of("only empty values", Map.of("a", "", "b", ""), "1f32167403c1cbf6"),
                Arguments.of("newline, quote and backslash", Map.of("alertname", "Quote", "summary", "line1\nline2 \"q\" \\ end"),
                        "1bb8bb2f3103bba3"),
                Arguments.of("byte order of names: upper case and underscore sort first",
                        Map.of("Alertname", "upper", "alertname", "lower", "_z", "u", "z", "1"), "c6233560d2119447"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void shouldMatchAlertmanagersFingerprint(String name, Map<String, String> labels, String expected) {
        assertEquals(expected, Fingerprint.of(labels));
    }

    @Test
    void shouldMatchTheDecimalValueFromPrometheusModelTests() {
        assertEquals(5799056148416392346L, Fingerprint.hash(Map.of("name", "garland, briggs", "fear", "love is not enough")));
    }
}
