package io.alertflow.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The --from/--to forms. */
class ExportCommandTest {
    static Stream<Arguments> times() {
        return Stream.of(
                Arguments.of("RFC 3339 UTC", "2026-11-21T10:00:00Z", Instant.parse("2026-11-21T10:00:00Z")),
                Arguments.of("RFC 3339 with offset and fraction", "2026-11-21T11:00:00.250+01:00", Instant.parse("2026-11-21T10:00:00.250Z")),
                Arguments.of("epoch milliseconds", "1795255200000", Instant.parse("2026-11-21T10:00:00Z")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("times")
    void parsesTimes(String name, String text, Instant expected) {
        assertEquals(expected, ExportCommand.time("--from", text));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTimes")
    void rejectsOtherTimesWithTheOptionName(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExportCommand.time("--to", text));
        assertEquals(true, e.getMessage().startsWith("--to must be"), e.getMessage());
    }

    static Stream<String> badTimes() {
        return Stream.of("yesterday", "2026-11-21", "10:00");
    }
}
