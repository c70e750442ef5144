package io.alertflow.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ValidationProcessorTest {

    static Stream<Arguments> keys() {
        return Stream.of(
                Arguments.of(utf8("3f2a9c0d1e4b5a67"), "3f2a9c0d1e4b5a67", true),
                Arguments.of(utf8("3f2a9c0d1e4b5a68"), "3f2a9c0d1e4b5a67", false),
                Arguments.of(utf8("3f2a9c0d1e4b5a6"), "3f2a9c0d1e4b5a67", false),
                Arguments.of(utf8("3f2a9c0d1e4b5a678"), "3f2a9c0d1e4b5a67", false),
                Arguments.of(utf8(""), "", true),
                Arguments.of(utf8("café"), "café", true),
                Arguments.of(utf8("cafe"), "café", false),
                Arguments.of(utf8("café"), "cafe!", false),
                Arguments.of(utf8("\uD83D\uDD25"), "\uD83D\uDD25", true),
                // Not UTF-8 at all: compared as decoding would (a malformed byte becomes U+FFFD).
                Arguments.of(new byte[] {(byte) 0xFF}, "\uFFFD", true),
                Arguments.of(new byte[] {(byte) 0xFF}, "a", false),
                Arguments.of(new byte[] {'a', (byte) 0xC3}, "ab", false));
    }

    @ParameterizedTest
    @MethodSource("keys")
    void aKeyIsItsFingerprintExactlyWhenItDecodesToIt(byte[] key, String fingerprint, boolean expected) {
        assertEquals(expected, ValidationProcessor.isUtf8Of(key, fingerprint));
        assertEquals(fingerprint.equals(new String(key, StandardCharsets.UTF_8)), expected, "the table agrees with decoding");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
