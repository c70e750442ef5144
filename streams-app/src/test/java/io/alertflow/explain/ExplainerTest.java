package io.alertflow.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.avro.AlertChange;
import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.ChangeType;
import io.alertflow.avro.Decision;
import io.alertflow.avro.DecisionLog;
import io.alertflow.avro.IncidentRecord;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Severity;
import io.alertflow.avro.SuppressedAlert;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExplainerTest {
    static final Instant T = Instant.parse("2026-11-21T10:00:00Z");

    static RawAlert alert() {
        return RawAlert.newBuilder().setFingerprint("fp").setSource("prometheus").setStatus(AlertStatus.FIRING)
                .setSeverity(Severity.ERROR).setLabels(Map.of("alertname", "HighLatency", "service", "payments-api"))
                .setStartsAt(T).setReceivedAt(T.plusSeconds(90)).build();
    }

    static AlertChange fired() {
        return AlertChange.newBuilder().setFingerprint("fp").setChange(ChangeType.FIRED).setAlert(alert()).setOccurrence(1)
                .setDuplicates(3).setEffectiveStartsAt(T).setDetectedAt(T).setAt(T).build();
    }

    static DecisionLog log(Decision... decisions) {
        DecisionLog log = null;
        for (Decision d : decisions) {
            log = DecisionLogs.append(log, d, 50);
        }
        return log;
    }

    static Decision suppressed() {
        return Decisions.ofSuppressed("fp", SuppressedAlert.newBuilder().setAlert(alert()).setWindowId("mw-1")
                .setWindowName("db migration").setSuppressedAt(T).setWindowEndsAt(T.plusSeconds(3600)).build());
    }

    /** Dedup's decision when the occurrence ends, as the decision log records it after a suppression. */
    static Decision resolved(ChangeType how) {
        return Decisions.ofDedupChange(AlertChange.newBuilder(fired()).setChange(how).setAt(T.plusSeconds(600)).build());
    }

    static Stream<Arguments> verdicts() {
        Decision fired = Decisions.ofDedupChange(fired());
        return Stream.of(
                Arguments.of("paged when it opened the incident", log(fired,
                        Decisions.aboutIncident("fp", T, Decisions.OPENED_INCIDENT, "INC-1", "opened"),
                        Decisions.aboutIncident("fp", T, Decisions.PAGED, "INC-1", "TRIGGER page to level 1 (primary)")), null,
                        "paged: TRIGGER page to level 1 (primary)"),
                Arguments.of("joined an already paged incident", log(fired,
                        Decisions.aboutIncident("fp", T, Decisions.JOINED_INCIDENT, "INC-1", "joined"),
                        Decisions.aboutIncident("fp", T, Decisions.NOT_PAGED, "INC-1", "incident INC-1 already paged level 1")), null,
                        "did not page by itself: incident INC-1 already paged level 1"),
                Arguments.of("held by a window now", log(fired, suppressed()), fired(),
                        "not paged: suppressed by maintenance window 'db migration' (mw-1) until 2026-11-21T11:00:00Z; it reaches correlation when the window ends if still firing"),
                Arguments.of("suppressed and resolved inside the window", log(fired, suppressed(), resolved(ChangeType.RESOLVED)), null,
                        "not paged: it was suppressed by maintenance window 'db migration' and resolved before the window ended"),
                Arguments.of("suppressed and gone stale inside the window", log(fired, suppressed(), resolved(ChangeType.STALE)), null,
                        "not paged: it was suppressed by maintenance window 'db migration' and resolved before the window ended"),
                Arguments.of("dead-lettered", log(Decisions.ofDeadLetter("fp", T, "validate", "invalid alert: no alertname")), null,
                        "not paged: sent to the dead-letter topic: invalid alert: no alertname"),
                Arguments.of("fired, resolved, no correlation decision retained", log(fired, resolved(ChangeType.RESOLVED)), null,
                        "not paged: it has not reached an incident (no correlation decision is retained for it)"),
                Arguments.of("nothing retained", null, null,
                        "not paged: it has not reached an incident (no correlation decision is retained for it)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void saysInOneSentenceWhyItDidOrDidNotPage(String name, DecisionLog log, AlertChange held, String verdict) {
        assertEquals(verdict, Explainer.explainAlert("fp", log, fired(), held, null).verdict());
    }

    @Test
    void readsDuplicatesLiveFromTheDedupEntry() {
        AlertExplanation e = Explainer.explainAlert("fp", null, fired(), null, null);
        assertEquals(3, e.occurrence().duplicates());
        assertEquals(T.plusSeconds(90), e.occurrence().lastSeen());
        assertEquals(List.of(), e.steps());
    }

    @Test
    void incidentExplanationMergesMembersDecisionsInTimeOrder() {
        IncidentRecord r = PostmortemTest.incident();
        DecisionLog api = log(Decisions.of("fp-api", PostmortemTest.at(2), "maintenance", Decisions.SUPPRESSED, "held"),
                Decisions.aboutIncident("fp-api", PostmortemTest.at(3), Decisions.JOINED_INCIDENT, "INC-1", "joined"),
                Decisions.aboutIncident("fp-api", PostmortemTest.at(3), Decisions.NOT_PAGED, "INC-1", "already paged"));
        List<Step> steps = Explainer.explainIncident(r, Map.of("fp-api", api));
        List<String> kinds = steps.stream().map(Step::kind).toList();
        // JOINED_INCIDENT is already on the timeline (as ALERT_JOINED when present); the hold and the paging decision are added.
        assertTrue(kinds.contains("SUPPRESSED") && kinds.contains("NOT_PAGED") && !kinds.contains("JOINED_INCIDENT"), kinds.toString());
        for (int i = 1; i < steps.size(); i++) {
            assertTrue(!steps.get(i).at().isBefore(steps.get(i - 1).at()), "time order: " + steps);
        }
    }
}
