package io.alertflow.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabelMatcherTest {
    private static final Map<String, String> LABELS = Map.of("alertname", "HighLatency", "service", "checkout-api",
            "env", "prod", "empty", "");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("equal matches the same value", "service", "=", "checkout-api", true),
                Arguments.of("equal is case sensitive", "service", "=", "Checkout-api", false),
                Arguments.of("not equal rejects the same value", "service", "!=", "checkout-api", false),
                Arguments.of("not equal accepts another value", "service", "!=", "payments", true),
                Arguments.of("regex is anchored at both ends", "service", "=~", "checkout", false),
                Arguments.of("regex matches the whole value", "service", "=~", "checkout-.*", true),
                Arguments.of("regex alternation is grouped before anchoring", "service", "=~", "payments|checkout-api", true),
                Arguments.of("alternation cannot match a prefix only", "service", "=~", "check|payments", false),
                Arguments.of("negative regex rejects a full match", "env", "!~", "prod|staging", false),
                Arguments.of("negative regex accepts a partial match", "env", "!~", "pro", true),
                Arguments.of("missing label equals the empty string", "team", "=", "", true),
                Arguments.of("missing label does not equal a value", "team", "=", "db", false),
                Arguments.of("missing label is not equal to a value", "team", "!=", "db", true),
                Arguments.of("missing label matches a regex accepting empty", "team", "=~", "db|", true),
                Arguments.of("missing label fails a regex needing a character", "team", "=~", ".+", false),
                Arguments.of("missing label passes a negative regex needing a character", "team", "!~", ".+", true),
                Arguments.of("empty label value behaves like a missing label", "empty", "=", "", true),
                Arguments.of("regex dot does not match newline-free empty", "alertname", "=~", "High.*", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesLikeAlertmanager(String name, String label, String op, String value, boolean expected) {
        assertEquals(expected, LabelMatcher.of(label, op, value).matches(LABELS));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("unknown operator", "==", "x", "use one of =, !=, =~, !~"),
                Arguments.of("unbalanced parenthesis", "=~", "(db", "invalid regular expression"),
                Arguments.of("backreference is not RE2", "=~", "(a)\\1", "invalid regular expression"),
                Arguments.of("lookahead is not RE2", "!~", "a(?=b)", "invalid regular expression"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectsInvalidMatchers(String name, String op, String value, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelMatcher.of("service", op, value));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
