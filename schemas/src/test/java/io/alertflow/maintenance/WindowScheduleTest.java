package io.alertflow.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.alertflow.avro.MaintenanceWindow;
import io.alertflow.avro.Recurrence;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WindowScheduleTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final String NIGHTLY = "FREQ=DAILY;BYHOUR=1;BYMINUTE=0";
    private static final long HOUR = 3_600_000L;

    static Instant berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    static MaintenanceWindow oneOff(String start, String end) {
        return window(berlin(start), berlin(end), null);
    }

    static MaintenanceWindow nightly(String start, String end, long durationMs) {
        return window(berlin(start), berlin(end), new Recurrence(NIGHTLY, durationMs, "Europe/Berlin"));
    }

    static MaintenanceWindow window(Instant start, Instant end, Recurrence recurrence) {
        return MaintenanceWindow.newBuilder().setId("w").setName("nightly backup").setMatchers(List.of())
                .setStartsAt(start).setEndsAt(end).setRecurrence(recurrence).build();
    }

    static Stream<Arguments> activeAt() {
        MaintenanceWindow year = nightly("2025-01-01T00:00", "2025-12-31T23:59", HOUR);
        return Stream.of(
                Arguments.of("one-off: before start", oneOff("2025-06-01T10:00", "2025-06-01T12:00"), "2025-06-01T09:59", null),
                Arguments.of("one-off: at start", oneOff("2025-06-01T10:00", "2025-06-01T12:00"), "2025-06-01T10:00", "2025-06-01T12:00"),
                Arguments.of("one-off: inside", oneOff("2025-06-01T10:00", "2025-06-01T12:00"), "2025-06-01T11:59", "2025-06-01T12:00"),
                Arguments.of("one-off: end is exclusive", oneOff("2025-06-01T10:00", "2025-06-01T12:00"), "2025-06-01T12:00", null),
                Arguments.of("nightly: 00:59 is before the occurrence", year, "2025-06-10T00:59", null),
                Arguments.of("nightly: 01:30 on an ordinary night", year, "2025-06-10T01:30", "2025-06-10T02:00"),
                Arguments.of("nightly: 02:00 end is exclusive", year, "2025-06-10T02:00", null),
                Arguments.of("nightly: midday is outside", year, "2025-06-10T12:00", null),
                // 30 March 2025: clocks jump 02:00 CET -> 03:00 CEST; 01:00 + 60 min of real time ends at 03:00 local.
                Arguments.of("DST spring night: 01:30 suppressed", year, "2025-03-30T01:30", "2025-03-30T03:00"),
                Arguments.of("DST spring night: 03:00 local is the end", year, "2025-03-30T03:00", null),
                // 26 October 2025: clocks fall back 03:00 CEST -> 02:00 CET; 01:00 CEST + 60 min ends at 02:00 CEST.
                Arguments.of("DST autumn night: 01:30 suppressed", year, "2025-10-26T01:30", "2025-10-26T02:00"),
                Arguments.of("DST autumn night: 02:30 is after the end", year, "2025-10-26T02:30", null),
                Arguments.of("nightly: the night after spring DST is still at 01:00 local", year, "2025-03-31T01:05", "2025-03-31T02:00"),
                Arguments.of("series bound: no occurrence before startsAt", nightly("2025-06-10T12:00", "2025-12-31T00:00", HOUR), "2025-06-10T01:30", null),
                Arguments.of("series bound: first occurrence after startsAt", nightly("2025-06-10T12:00", "2025-12-31T00:00", HOUR), "2025-06-11T01:30", "2025-06-11T02:00"),
                Arguments.of("series bound: no occurrence starts after endsAt", nightly("2025-01-01T00:00", "2025-06-10T00:30", HOUR), "2025-06-10T01:30", null),
                Arguments.of("series bound: an occurrence started before endsAt runs to its end", nightly("2025-01-01T00:00", "2025-06-10T01:15", HOUR), "2025-06-10T01:30", "2025-06-10T02:00"),
                Arguments.of("overlapping occurrences extend to the latest end", nightly("2025-01-01T00:00", "2025-12-31T00:00", 25 * HOUR), "2025-06-10T01:30", "2025-06-11T02:00"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activeAt")
    void activeAtReturnsTheCoveringOccurrencesEnd(String name, MaintenanceWindow window, String at, String expectedEnd) {
        Optional<Instant> expected = Optional.ofNullable(expectedEnd).map(WindowScheduleTest::berlin);
        assertEquals(expected, WindowSchedule.of(window).activeAt(berlin(at)));
    }

    static Stream<Arguments> nextEnd() {
        MaintenanceWindow year = nightly("2025-01-01T00:00", "2025-12-31T23:59", HOUR);
        return Stream.of(
                Arguments.of("one-off: before start gives its end", oneOff("2025-06-01T10:00", "2025-06-01T12:00"), "2025-06-01T08:00", "2025-06-01T12:00"),
                Arguments.of("one-off: after the end gives nothing", oneOff("2025-06-01T10:00", "2025-06-01T12:00"), "2025-06-01T12:00", null),
                Arguments.of("nightly: during an occurrence gives its end", year, "2025-06-10T01:10", "2025-06-10T02:00"),
                Arguments.of("nightly: between occurrences gives the next end", year, "2025-06-10T12:00", "2025-06-11T02:00"),
                Arguments.of("nightly: after the series gives nothing", nightly("2025-01-01T00:00", "2025-01-05T00:00", HOUR), "2025-01-05T12:00", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nextEnd")
    void nextEndIsTheEndOfTheNextOccurrence(String name, MaintenanceWindow window, String at, String expectedEnd) {
        Optional<Instant> expected = Optional.ofNullable(expectedEnd).map(WindowScheduleTest::berlin);
        assertEquals(expected, WindowSchedule.of(window).nextEnd(berlin(at)));
    }
}
