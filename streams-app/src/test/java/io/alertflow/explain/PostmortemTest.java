package io.alertflow.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.avro.DecisionLog;
import io.alertflow.avro.Incident;
import io.alertflow.avro.IncidentRecord;
import io.alertflow.avro.IncidentState;
import io.alertflow.avro.Member;
import io.alertflow.avro.Priority;
import io.alertflow.avro.Severity;
import io.alertflow.avro.SuspectChange;
import io.alertflow.avro.TimelineEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PostmortemTest {
    static final Instant T = Instant.parse("2026-11-21T10:00:00Z");

    static Instant at(int minutes) {
        return T.plusSeconds(60L * minutes);
    }

    static TimelineEntry e(int minute, String kind, String detail) {
        return TimelineEntry.newBuilder().setAt(at(minute)).setKind(kind).setDetail(detail).build();
    }

    /** A resolved P1 database incident: paged, escalated by timer, acknowledged by alice, resolved by bob. */
    static IncidentRecord incident() {
        Incident inc = Incident.newBuilder().setId("INC-1").setVersion(7).setState(IncidentState.RESOLVED)
                .setPriority(Priority.P1).setSeverity(Severity.CRITICAL).setTitle("DBConnectionPoolExhausted on payments-db (+1 related service)")
                .setCorrelationKey("payments").setServices(new ArrayList<>(List.of("payments-db", "payments-api")))
                .setRootCauseService("payments-db").setAlerts(new ArrayList<>(List.of("fp-db", "fp-api"))).setAlertCount(2)
                .setDuplicateCount(42).setStartedAt(at(0)).setDetectedAt(at(1)).setAcknowledgedAt(at(8)).setResolvedAt(at(21))
                .setEscalationLevel(2).setSuspectChanges(new ArrayList<>(List.of(SuspectChange.newBuilder().setId("deploy-231")
                        .setService("payments-api").setKind("DEPLOY").setVersion("v2.3.1").setAt(at(-10)).build())))
                .setTimeline(new ArrayList<>(List.of(
                        e(1, "OPENED", "opened by DBConnectionPoolExhausted on payments-db [fp-db]"),
                        e(1, "ROOT_CAUSE", "payments-db is the root-cause candidate: it depends on no other alerting service, and payments-api depends on it"),
                        e(1, "PAGED", "TRIGGER page to level 1 (alice@example.com)"),
                        e(6, "ESCALATED", "not acknowledged within 5 min; escalating to level 2 (bob@example.com)"),
                        e(6, "PAGED", "ESCALATE page to level 2 (bob@example.com)"),
                        e(8, "ACKNOWLEDGED", "alice acknowledged: on it; escalation stopped"),
                        e(21, "RESOLVED", "bob resolved: pool size raised"))))
                .build();
        Member m = Member.newBuilder().setFingerprint("fp-api").setAlertname("HighLatency").setService("payments-api")
                .setSeverity(Severity.ERROR).setFiring(false).setJoinedAt(at(3)).setStartsAt(at(3)).setDetectedAt(at(3)).build();
        return IncidentRecord.newBuilder().setIncident(inc).setMembers(new ArrayList<>(List.of(m))).setLastChangeAt(at(21))
                .setPaged(true).setPageTargetService("payments-db").build();
    }

    static DecisionLog heldThenReleased() {
        DecisionLog log = DecisionLogs.append(null, Decisions.of("fp-api", at(2), "maintenance", Decisions.SUPPRESSED,
                "suppressed by maintenance window 'db migration' (mw-1) until 2026-11-21T10:03:00Z"), 10);
        return DecisionLogs.append(log, Decisions.of("fp-api", at(3), "maintenance", Decisions.RELEASED,
                "released into correlation: maintenance window mw-1 ended"), 10);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("resolved, paged and escalated", (Consumer<IncidentRecord>) r -> { }, Map.of(), List.of(
                        "# Postmortem (draft): DBConnectionPoolExhausted on payments-db (+1 related service)",
                        "- Services: payments-db, payments-api", "- Duration: 21 min (start to resolution)",
                        "- Time to detect (TTD): 1 min", "- Time to acknowledge (TTA): 7 min", "- Time to resolve (TTR): 20 min",
                        "- Paging: the payments-db escalation policy, highest level reached 2",
                        "ESCALATE page to level 2", "not acknowledged within 5 min; escalating to level 2",
                        "acknowledged by the on-call responder", "resolved by a responder: pool size raised",
                        "**payments-db** — payments-db is the root-cause candidate",
                        "| deploy-231 | DEPLOY | payments-api | v2.3.1 |", "42 re-sends of member alerts were deduplicated",
                        "No member alert was held by a maintenance window",
                        "## What went well", "## What did not go well", "| action | owner (team or role) | due |"),
                        List.of("alice", "bob", "@example.com")),
                Arguments.of("still open, never acknowledged", (Consumer<IncidentRecord>) r -> {
                    r.getIncident().setState(IncidentState.TRIGGERED);
                    r.getIncident().setResolvedAt(null);
                    r.getIncident().setAcknowledgedAt(null);
                }, Map.of(), List.of("still open (TRIGGERED)", "- Resolved: not yet", "- Duration: 30 min so far",
                        "- Time to acknowledge (TTA): not acknowledged", "- Time to resolve (TTR): not resolved (29 min so far)"),
                        List.of()),
                Arguments.of("below paging threshold", (Consumer<IncidentRecord>) r -> {
                    r.setPaged(false);
                    r.getIncident().setPriority(Priority.P4);
                }, Map.of(), List.of("- Paging: nobody was paged (priority P4 is below the paging threshold)"), List.of("highest level")),
                Arguments.of("member held by a maintenance window", (Consumer<IncidentRecord>) r -> { },
                        Map.of("fp-api", heldThenReleased()), List.of(
                        "- HighLatency on payments-api, 2026-11-21 10:02:00 UTC: suppressed by maintenance window 'db migration'",
                        "- HighLatency on payments-api, 2026-11-21 10:03:00 UTC: released into correlation"),
                        List.of("No member alert was held")),
                Arguments.of("no root cause, no suspects", (Consumer<IncidentRecord>) r -> {
                    r.getIncident().setRootCauseService(null);
                    r.getIncident().setSuspectChanges(new ArrayList<>());
                }, Map.of(), List.of("No candidate: no member alert named a service.",
                        "No recorded change of an involved service preceded the incident"), List.of("| deploy-231")),
                Arguments.of("a pipe in the title stays inside its table cell", (Consumer<IncidentRecord>) r ->
                        r.getIncident().getTimeline().add(e(9, "NOTE", "carol: a|b\nc")), Map.of(),
                        List.of("| NOTE | a responder added a note: a\\|b c |"), List.of("carol")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersTheDraft(String name, Consumer<IncidentRecord> change, Map<String, DecisionLog> logs, List<String> present,
                         List<String> absent) {
        IncidentRecord r = incident();
        change.accept(r);
        String md = Postmortem.render(r, logs, at(30));
        for (String s : present) {
            assertTrue(md.contains(s), "missing '" + s + "' in\n" + md);
        }
        for (String s : absent) {
            assertFalse(md.contains(s), "unexpected '" + s + "' in\n" + md);
        }
    }

    static Stream<Arguments> blameless() {
        return Stream.of(
                Arguments.of("page target dropped", "PAGED", "TRIGGER page to level 1 (alice@example.com)", "TRIGGER page to level 1"),
                Arguments.of("timer escalation kept, target dropped", "ESCALATED",
                        "not acknowledged within 5 min; escalating to level 2 (team-lead)", "not acknowledged within 5 min; escalating to level 2"),
                Arguments.of("manual escalation by role", "ESCALATED", "bob escalated: need db help; escalating to level 2 (carol)",
                        "a responder escalated; escalating to level 2"),
                Arguments.of("manual escalation at the last level", "ESCALATION", "bob escalated; already at the last level (2), nobody else to page",
                        "a responder asked to escalate; already at the last level (2), nobody else to page"),
                Arguments.of("acknowledgement by role", "ACKNOWLEDGED", "alice acknowledged: on it; escalation stopped",
                        "acknowledged by the on-call responder; escalation stopped"),
                Arguments.of("mitigation keeps the note", "MITIGATED", "alice mitigated: failover done", "mitigated by a responder: failover done"),
                Arguments.of("automatic resolution kept", "RESOLVED", "no alert fired for 10 min after the last one resolved",
                        "no alert fired for 10 min after the last one resolved"),
                Arguments.of("manual resolution by role", "RESOLVED", "bob resolved", "resolved by a responder"),
                Arguments.of("reopen by an alert kept", "REOPENED", "alert X on db [fp] fired again within the reopen window (reopen 1)",
                        "alert X on db [fp] fired again within the reopen window (reopen 1)"),
                Arguments.of("reopen by a person", "REOPENED", "dave reopened (reopen 2)", "reopened by a responder (reopen 2)"),
                Arguments.of("system entries untouched", "ALERT_JOINED", "alert HighLatency on payments-api [fp] joined",
                        "alert HighLatency on payments-api [fp] joined"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blameless")
    void namesRolesAndLevelsNeverPeople(String name, String kind, String detail, String expected) {
        assertEquals(expected, BlamelessText.of(kind, detail));
    }
}
