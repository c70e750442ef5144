package io.alertflow.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.alertflow.avro.Decision;
import io.alertflow.avro.DecisionLog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DecisionLogsTest {
    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    static Decision d(int minute, String kind) {
        return Decisions.of("fp", T.plusSeconds(60L * minute), "dedup", kind, kind.toLowerCase());
    }

    static Stream<Arguments> appends() {
        return Stream.of(
                Arguments.of("first decision starts the log", List.of(d(0, "FIRED")), 5, List.of("FIRED"), 0, 0),
                Arguments.of("in order", List.of(d(0, "FIRED"), d(1, "SUPPRESSED")), 5, List.of("FIRED", "SUPPRESSED"), 0, 1),
                Arguments.of("late decision sorted into place, lastAt stays newest",
                        List.of(d(0, "FIRED"), d(5, "PAGED"), d(2, "OPENED_INCIDENT")), 5,
                        List.of("FIRED", "OPENED_INCIDENT", "PAGED"), 0, 5),
                Arguments.of("same instant keeps arrival order", List.of(d(1, "JOINED_INCIDENT"), d(1, "NOT_PAGED")), 5,
                        List.of("JOINED_INCIDENT", "NOT_PAGED"), 0, 1),
                Arguments.of("oldest dropped beyond the bound and counted",
                        List.of(d(0, "FIRED"), d(1, "RESOLVED"), d(2, "FIRED"), d(3, "RESOLVED")), 2,
                        List.of("FIRED", "RESOLVED"), 2, 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("appends")
    void appendKeepsTheLogOrderedAndBounded(String name, List<Decision> in, int max, List<String> kinds, int dropped, int lastMinute) {
        DecisionLog log = null;
        for (Decision d : in) {
            log = DecisionLogs.append(log, d, max);
        }
        assertEquals(kinds, log.getDecisions().stream().map(Decision::getKind).toList());
        assertEquals(dropped, log.getDroppedCount());
        assertEquals(T.plusSeconds(60L * lastMinute), log.getLastAt());
    }

    static Stream<Arguments> expiries() {
        return Stream.of(
                Arguments.of("just before retention", 59, false),
                Arguments.of("exactly at retention", 60, true),
                Arguments.of("long after", 600, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expiries")
    void expiresRetentionAfterTheNewestDecision(String name, int minutesLater, boolean expired) {
        DecisionLog log = DecisionLogs.append(null, d(0, "FIRED"), 5);
        assertEquals(expired, DecisionLogs.expired(log, Duration.ofHours(1), T.plusSeconds(60L * minutesLater)));
    }
}
