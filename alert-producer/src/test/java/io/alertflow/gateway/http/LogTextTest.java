package io.alertflow.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LogTextTest {

    static Stream<Arguments> controlCharacters() {
        return Stream.of(
                Arguments.of("forged log line", "a\nINFO fake", "a\\nINFO fake"),
                Arguments.of("carriage return", "a\rb", "a\\rb"),
                Arguments.of("ANSI escape", "\u001b[31mred", "\\u001b[31mred"),
                Arguments.of("plain value", "payments-api", "payments-api"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("controlCharacters")
    void shouldEscapeControlCharacters(String name, String input, String expected) {
        assertEquals(expected, LogText.escape(input));
    }

    @Test
    void shouldCutLongValues() {
        String escaped = LogText.escape("x".repeat(10_000));
        assertTrue(escaped.length() < 210);
        assertTrue(escaped.endsWith("..."));
    }

    @Test
    void shouldCompareTokensAndRefuseWrongOnes() {
        BearerAuth auth = new BearerAuth(List.of("s3cret"));
        assertTrue(auth.accepts("s3cret"));
        assertFalse(auth.accepts("s3cre"));
        assertFalse(auth.accepts(null));
        assertEquals(401, org.junit.jupiter.api.Assertions.assertThrows(HttpProblem.class,
                () -> auth.checkAuthorizationHeader("Basic czNjcmV0")).status());
        auth.checkAuthorizationHeader("Bearer s3cret");
        assertTrue(new BearerAuth(List.of()).accepts(null), "no secret configured: auth is off");
    }
}
