package io.alertflow.whatif;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.alertflow.whatif.Comparison.Kind;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Matching incidents of two runs by member fingerprints. */
class ComparisonTest {

    /** An incident with members given as "a b c", detected at minute {@code minute}. */
    static IncidentReport inc(String id, int minute, String members) {
        return inc(id, minute, members, "P1", List.of(new PageEvent("TRIGGER", 1, "oncall", Instant.EPOCH)));
    }

    static IncidentReport inc(String id, int minute, String members, String priority, List<PageEvent> pages) {
        Instant at = Instant.parse("2026-11-21T10:00:00Z").plusSeconds(60L * minute);
        return new IncidentReport(id, "k", "t", "RESOLVED", priority, "db", List.of("db"),
                new TreeSet<>(Arrays.asList(members.split(" "))), pages, at, at, null, at.plusSeconds(60), 0);
    }

    record Expected(Kind kind, List<String> a, List<String> b) {
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("identical incidents are the same",
                        List.of(inc("A1", 0, "f1 f2")), List.of(inc("B1", 0, "f1 f2")),
                        List.of(new Expected(Kind.SAME, List.of("A1"), List.of("B1")))),
                Arguments.of("one shared member links them; a lost member is a change",
                        List.of(inc("A1", 0, "f1 f2")), List.of(inc("B1", 0, "f1")),
                        List.of(new Expected(Kind.CHANGED, List.of("A1"), List.of("B1")))),
                Arguments.of("one incident became two: split",
                        List.of(inc("A1", 0, "f1 f2 f3")), List.of(inc("B1", 0, "f1 f2"), inc("B2", 5, "f3")),
                        List.of(new Expected(Kind.SPLIT, List.of("A1"), List.of("B1", "B2")))),
                Arguments.of("two incidents became one: merged",
                        List.of(inc("A1", 0, "f1"), inc("A2", 3, "f2")), List.of(inc("B1", 0, "f1 f2")),
                        List.of(new Expected(Kind.MERGED, List.of("A1", "A2"), List.of("B1")))),
                Arguments.of("a new incident in B only: appeared",
                        List.of(inc("A1", 0, "f1")), List.of(inc("B1", 0, "f1"), inc("B2", 9, "f9")),
                        List.of(new Expected(Kind.SAME, List.of("A1"), List.of("B1")),
                                new Expected(Kind.APPEARED, List.of(), List.of("B2")))),
                Arguments.of("an incident B no longer has (e.g. suppressed by a window): disappeared",
                        List.of(inc("A1", 0, "f1"), inc("A2", 1, "f2")), List.of(inc("B1", 0, "f1")),
                        List.of(new Expected(Kind.SAME, List.of("A1"), List.of("B1")),
                                new Expected(Kind.DISAPPEARED, List.of("A2"), List.of()))),
                Arguments.of("crosswise sharing: regrouped",
                        List.of(inc("A1", 0, "f1 f2"), inc("A2", 1, "f3 f4")),
                        List.of(inc("B1", 0, "f1 f3"), inc("B2", 1, "f2 f4")),
                        List.of(new Expected(Kind.REGROUPED, List.of("A1", "A2"), List.of("B1", "B2")))),
                Arguments.of("chained overlaps make one group",
                        List.of(inc("A1", 0, "f1 f2"), inc("A2", 2, "f3")),
                        List.of(inc("B1", 0, "f1"), inc("B2", 1, "f2 f3")),
                        List.of(new Expected(Kind.REGROUPED, List.of("A1", "A2"), List.of("B1", "B2")))),
                Arguments.of("groups come out in order of first detection",
                        List.of(inc("A9", 9, "f9"), inc("A1", 1, "f1")), List.of(inc("B0", 0, "f0")),
                        List.of(new Expected(Kind.APPEARED, List.of(), List.of("B0")),
                                new Expected(Kind.DISAPPEARED, List.of("A1"), List.of()),
                                new Expected(Kind.DISAPPEARED, List.of("A9"), List.of()))),
                Arguments.of("nothing on either side", List.of(), List.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void groupsLinkedIncidents(String name, List<IncidentReport> a, List<IncidentReport> b, List<Expected> expected) {
        List<Expected> actual = Comparison.compare(a, b).stream().map(c -> new Expected(c.kind(), c.a(), c.b())).toList();
        assertEquals(expected, actual);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changedCases")
    void namesWhatChangedInAMatchedPair(String name, IncidentReport a, IncidentReport b, List<String> detail) {
        Comparison.Change c = Comparison.compare(List.of(a), List.of(b)).get(0);
        assertEquals(Kind.CHANGED, c.kind());
        assertEquals(detail, c.detail());
    }

    static Stream<Arguments> changedCases() {
        List<PageEvent> trigger = List.of(new PageEvent("TRIGGER", 1, "oncall", Instant.EPOCH));
        List<PageEvent> escalated = List.of(new PageEvent("TRIGGER", 1, "oncall", Instant.EPOCH),
                new PageEvent("ESCALATE", 2, "manager", Instant.EPOCH));
        return Stream.of(
                Arguments.of("priority", inc("A", 0, "f1", "P2", trigger), inc("B", 0, "f1", "P1", trigger),
                        List.of("priority P2 -> P1")),
                Arguments.of("pages", inc("A", 0, "f1", "P1", trigger), inc("B", 0, "f1", "P1", escalated),
                        List.of("pages [TRIGGER@1] -> [TRIGGER@1, ESCALATE@2]")),
                Arguments.of("members", inc("A", 0, "f1 f2", "P1", trigger), inc("B", 0, "f1 f3", "P1", trigger),
                        List.of("members -1 +1")));
    }
}
