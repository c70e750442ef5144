package io.alertflow.incident;

import static io.alertflow.incident.Alerts.T0;
import static io.alertflow.incident.Alerts.action;
import static io.alertflow.incident.Alerts.deploy;
import static io.alertflow.incident.Alerts.fired;
import static io.alertflow.incident.Alerts.resolved;
import static io.alertflow.incident.Alerts.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.avro.ActionKind;
import io.alertflow.avro.AlertChange;
import io.alertflow.avro.Incident;
import io.alertflow.avro.IncidentMetrics;
import io.alertflow.avro.IncidentState;
import io.alertflow.avro.Page;
import io.alertflow.avro.PageKind;
import io.alertflow.avro.Priority;
import io.alertflow.avro.Severity;
import io.alertflow.correlation.DependencyGraph;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentEngineTest {
    static final String KEY = "component:api-gateway";

    final InMemoryIncidentStore store = new InMemoryIncidentStore();
    final RecordingOutput out = new RecordingOutput();
    DependencyGraph graph = DependencyGraph.of(Alerts.paymentCatalog());
    final IncidentEngine engine = new IncidentEngine(IncidentSettings.defaults(), () -> graph, store, store, out);

    void timer(Instant now) {
        engine.onTimer(now);
    }

    /** Advances timers minute by minute, as a punctuator would. */
    void tick(Instant from, Instant to) {
        for (Instant now = from; !now.isAfter(to); now = now.plus(Duration.ofMinutes(1))) {
            timer(now);
        }
    }

    @Test
    void paymentOutageIsOneIncidentRootedAtTheDatabaseWithTheDeployAsSuspect() {
        engine.onChange(KEY, deploy("chg-1", "payments-api", "v2.3.1", T0));
        AlertChange memory = fired("HighMemoryUsage", "payments-api", Severity.ERROR, t("1m"), t("2m"));
        AlertChange pool = fired("DBConnectionPoolExhausted", "payments-db", Severity.CRITICAL, t("2m30s"), t("3m"));
        AlertChange checkout = fired("HighErrorRate", "checkout", Severity.ERROR, t("3m30s"), t("4m"));
        AlertChange gateway = fired("HighErrorRate", "api-gateway", Severity.ERROR, t("4m"), t("4m30s"));
        engine.onAlertChange(KEY, memory);
        tick(t("2m"), t("2m"));
        engine.onAlertChange(KEY, pool);
        engine.onAlertChange(KEY, checkout);
        engine.onAlertChange(KEY, gateway);
        tick(t("3m"), t("8m30s")); // payments policy: ack within 5 min of the 10:02 page, so one escalation at 10:07
        String id = single(out.latest()).getId();
        engine.onAction(KEY, action(id, ActionKind.ACKNOWLEDGE, "alice", t("9m")));
        tick(t("9m"), t("14m"));
        engine.onAction(KEY, action(id, ActionKind.MITIGATE, "alice", t("15m")));
        engine.onAlertChange(KEY, resolved(memory, t("20m"), 12));
        engine.onAlertChange(KEY, resolved(pool, t("21m"), 30));
        engine.onAlertChange(KEY, resolved(checkout, t("22m"), 8));
        engine.onAlertChange(KEY, resolved(gateway, t("22m30s"), 5));
        tick(t("15m"), t("32m")); // observation window: 10 min after 10:22:30 is 10:32:30, not yet
        assertEquals(IncidentState.MITIGATED, single(out.latest()).getState());
        tick(t("33m"), t("42m"));

        Incident resolvedIncident = single(out.latest());
        assertEquals(IncidentState.RESOLVED, resolvedIncident.getState());
        assertEquals(t("22m30s"), resolvedIncident.getResolvedAt(), "resolvedAt is when the last alert resolved");
        assertEquals("payments-db", resolvedIncident.getRootCauseService());
        assertEquals(Priority.P1, resolvedIncident.getPriority());
        assertEquals(List.of("chg-1"), resolvedIncident.getSuspectChanges().stream().map(s -> s.getId()).toList());
        assertEquals(List.of("payments-api", "payments-db", "checkout", "api-gateway"), resolvedIncident.getServices());
        assertEquals(4, resolvedIncident.getAlertCount());
        assertEquals(55, resolvedIncident.getDuplicateCount());

        IncidentMetrics m = out.metrics.get(0);
        assertEquals(Duration.ofSeconds(60).toMillis(), m.getTtdMs(), "TTD = 10:02 received - 10:01 started");
        assertEquals(Duration.ofMinutes(7).toMillis(), m.getTtaMs(), "TTA = 10:09 ack - 10:02 detected");
        assertEquals(Duration.parse("PT20M30S").toMillis(), m.getTtrMs(), "TTR = 10:22:30 resolved - 10:02 detected");

        AlertChange recurrence = fired("DBConnectionPoolExhausted", "payments-db", Severity.CRITICAL, t("42m30s"), t("42m30s"), 2);
        engine.onAlertChange(KEY, recurrence);

        Incident reopened = single(out.latest());
        assertEquals(id, reopened.getId());
        assertEquals(IncidentState.TRIGGERED, reopened.getState());
        assertEquals(1, reopened.getReopenCount());
        assertEquals(List.of(PageKind.TRIGGER, PageKind.ESCALATE, PageKind.RESOLVE, PageKind.REOPEN), kinds(out.pages));
        assertEquals(List.of("payments-primary", "payments-secondary", "payments-secondary", "dba-primary"),
                out.pages.stream().map(Page::getTarget).toList());
        assertEquals(t("7m"), out.pages.get(1).getAt(), "escalation is due 5 minutes after the TRIGGER page");
        assertVersionsIncreaseByOne(out.incidents);
        assertTrue(out.rejections.isEmpty(), out.rejections::toString);
        assertEquals(out.asEmitted, out.incidents, "an emitted version is a snapshot: later work on the incident leaves it alone");
    }

    @Test
    void twoUnrelatedOutagesInOneComponentAreTwoIncidents() {
        // search and payments-db share a caller (frontend) only: not related.
        graph = frontendOverPaymentsAndSearch();
        String key = graph.correlationKey("search", "x");
        assertEquals(key, graph.correlationKey("payments-db", "x"));

        engine.onAlertChange(key, fired("ReplicationLag", "payments-db", Severity.CRITICAL, t("0m"), t("1m")));
        engine.onAlertChange(key, fired("IndexStale", "search-index", Severity.CRITICAL, t("1m"), t("1m30s")));
        engine.onAlertChange(key, fired("HighErrorRate", "checkout", Severity.ERROR, t("1m"), t("2m")));
        engine.onAlertChange(key, fired("SlowQueries", "search", Severity.ERROR, t("1m"), t("2m30s")));

        Map<String, Incident> latest = out.latest();
        assertEquals(2, latest.size());
        List<String> roots = latest.values().stream().map(Incident::getRootCauseService).sorted().toList();
        assertEquals(List.of("payments-db", "search-index"), roots);
        for (Incident i : latest.values()) {
            assertEquals(2, i.getServices().size(), i.getServices()::toString);
        }
        assertEquals(2, out.pages.stream().filter(p -> p.getKind() == PageKind.TRIGGER).count());
        assertNotEquals(out.pages.get(0).getIncidentId(), out.pages.get(1).getIncidentId());
        assertEquals(List.of("dba-oncall", "search-index-oncall"), out.pages.stream().map(Page::getTarget).toList());
    }

    @Test
    void reverseCascadeStillRootsAtTheDatabase() {
        engine.onAlertChange(KEY, fired("HighErrorRate", "api-gateway", Severity.ERROR, t("0m"), t("1m")));
        engine.onAlertChange(KEY, fired("HighErrorRate", "checkout", Severity.ERROR, t("0m"), t("1m10s")));
        engine.onAlertChange(KEY, fired("HighMemoryUsage", "payments-api", Severity.ERROR, t("0m"), t("1m20s")));
        assertEquals("payments-api", single(out.latest()).getRootCauseService());
        engine.onAlertChange(KEY, fired("DBConnectionPoolExhausted", "payments-db", Severity.CRITICAL, t("1m"), t("1m30s")));

        Incident incident = single(out.latest());
        assertEquals("payments-db", incident.getRootCauseService());
        assertEquals(Priority.P1, incident.getPriority());
        assertEquals(1, out.pages.size(), "one TRIGGER, whichever alert came first");
        assertTrue(incident.getTimeline().stream().anyMatch(e -> e.getKind().equals("ROOT_CAUSE")
                && e.getDetail().startsWith("payments-db")));
    }

    @Test
    void flappingAlertIsOneIncidentWithOnePage() {
        AlertChange first = fired("DiskLatency", "payments-db", Severity.CRITICAL, t("0m"), t("0m"));
        engine.onAlertChange(KEY, first);
        for (int i = 1; i <= 5; i++) {
            Instant down = t((i * 4 - 2) + "m");
            Instant up = t((i * 4) + "m");
            engine.onAlertChange(KEY, resolved(first, down, 0));
            tick(down, up.minusSeconds(1));
            engine.onAlertChange(KEY, fired("DiskLatency", "payments-db", Severity.CRITICAL, up, up, i + 1));
        }
        assertEquals(1, out.latest().size());
        assertEquals(List.of(PageKind.TRIGGER), kinds(out.pages.stream().filter(p -> p.getKind() != PageKind.ESCALATE).toList()));
        assertEquals(6, single(out.latest()).getAlertCount());
    }

    @Test
    void actionsForUnknownIncidentsAndInvalidTransitionsAreRejected() {
        engine.onAction(KEY, action("INC-nope", ActionKind.ACKNOWLEDGE, "bob", t("1m")));
        engine.onAlertChange(KEY, fired("DiskFull", "payments-db", Severity.CRITICAL, t("0m"), t("0m")));
        String id = single(out.latest()).getId();
        engine.onAction(KEY, action(id, ActionKind.REOPEN, "bob", t("1m")));
        assertEquals(2, out.rejections.size());
        assertTrue(out.rejections.get(0).contains("unknown incident INC-nope"), out.rejections.get(0));
        assertTrue(out.rejections.get(1).contains("only a RESOLVED incident can be reopened"), out.rejections.get(1));
        assertEquals(1, out.incidents.size(), "rejected actions change nothing");
    }

    @Test
    void resolvedIncidentsAreForgottenAfterReopenWindowAndRetention() {
        AlertChange a = fired("DiskFull", "payments-db", Severity.CRITICAL, t("0m"), t("0m"));
        engine.onAlertChange(KEY, a);
        String id = single(out.latest()).getId();
        engine.onAction(KEY, action(id, ActionKind.RESOLVE, "bob", t("1m")));
        timer(t("1m").plus(Duration.ofMinutes(30)).plus(Duration.ofHours(1)));
        assertEquals(1, store.incidents.size(), "kept exactly until reopen window + retention");
        timer(t("2m").plus(Duration.ofMinutes(30)).plus(Duration.ofHours(1)));
        assertTrue(store.incidents.isEmpty());
        assertTrue(store.keys.isEmpty());
        assertTrue(out.index.isEmpty(), "index entries are deleted with the incident: " + out.index);
    }

    @Test
    void incidentBelowPagingPriorityIsRecordedButNotPaged() {
        engine.onAlertChange(KEY, fired("SlowBuild", "payments-db", Severity.INFO, t("0m"), t("0m")));
        assertEquals(Priority.P5, single(out.latest()).getPriority());
        tick(t("0m"), t("30m"));
        assertTrue(out.pages.isEmpty());
        engine.onAlertChange(KEY, fired("DiskFull", "payments-db", Severity.CRITICAL, t("31m"), t("31m")));
        assertEquals(List.of(PageKind.TRIGGER), kinds(out.pages), "pages once the incident reaches the paging priority");
    }

    @Test
    void suspectChangeArrivingAfterTheIncidentStillCounts() {
        engine.onAlertChange(KEY, fired("DiskFull", "payments-db", Severity.CRITICAL, t("5m"), t("6m")));
        assertTrue(single(out.latest()).getSuspectChanges().isEmpty());
        engine.onChange(KEY, deploy("late", "payments-db", "v9", t("1m")));
        engine.onChange(KEY, deploy("too-old", "payments-db", "v8", T0.minus(Duration.ofHours(2))));
        assertEquals(List.of("late"), single(out.latest()).getSuspectChanges().stream().map(s -> s.getId()).toList());
        assertNull(single(out.latest()).getAcknowledgedAt());
    }

    @Test
    void reopenByResponderWaitsAFullObservationWindowBeforeResolvingAgain() {
        AlertChange a = fired("DiskFull", "payments-db", Severity.CRITICAL, t("0m"), t("0m"));
        engine.onAlertChange(KEY, a);
        engine.onAlertChange(KEY, resolved(a, t("1m"), 0));
        tick(t("1m"), t("12m"));
        String id = single(out.latest()).getId();
        assertEquals(IncidentState.RESOLVED, single(out.latest()).getState());
        engine.onAction(KEY, action(id, ActionKind.REOPEN, "bob", t("13m")));
        tick(t("13m"), t("22m"));
        assertEquals(IncidentState.TRIGGERED, single(out.latest()).getState());
        tick(t("23m"), t("24m"));
        assertEquals(IncidentState.RESOLVED, single(out.latest()).getState());
        assertEquals(List.of(PageKind.TRIGGER, PageKind.RESOLVE, PageKind.REOPEN, PageKind.RESOLVE),
                kinds(out.pages.stream().filter(p -> p.getKind() != PageKind.ESCALATE).toList()));
        assertEquals(2, out.metrics.size(), "metrics again after the reopened incident resolves");
    }

    @Test
    void timersDueBeforeAnInputApplyFirstWhateverWhenThePunctuatorRan() {
        // No timer tick at all between the alert and the acknowledgement: the escalation due at 10:07
        // must still come before the 10:09 acknowledgement, exactly as with a tick every minute.
        AlertChange pool = fired("DBConnectionPoolExhausted", "payments-db", Severity.CRITICAL, t("1m"), t("2m"));
        engine.onAlertChange(KEY, pool);
        String id = single(out.latest()).getId();
        engine.onAction(KEY, action(id, ActionKind.ACKNOWLEDGE, "alice", t("9m")));
        assertEquals(List.of(PageKind.TRIGGER, PageKind.ESCALATE), kinds(out.pages));
        assertEquals(t("7m"), out.pages.get(1).getAt());

        InMemoryIncidentStore otherStore = new InMemoryIncidentStore();
        RecordingOutput ticked = new RecordingOutput();
        IncidentEngine other = new IncidentEngine(IncidentSettings.defaults(), () -> graph, otherStore, otherStore, ticked);
        other.onAlertChange(KEY, pool);
        for (Instant now = t("2m"); now.isBefore(t("9m")); now = now.plusSeconds(5)) {
            other.onTimer(now);
        }
        other.onAction(KEY, action(id, ActionKind.ACKNOWLEDGE, "alice", t("9m")));
        assertEquals(out.incidents, ticked.incidents, "same versions and content with or without ticks");
        assertEquals(out.pages, ticked.pages);
    }

    static List<PageKind> kinds(List<Page> pages) {
        return pages.stream().map(Page::getKind).toList();
    }

    static Incident single(Map<String, Incident> latest) {
        assertEquals(1, latest.size(), () -> "expected one incident, got " + latest.keySet());
        return latest.values().iterator().next();
    }

    static void assertVersionsIncreaseByOne(List<Incident> emitted) {
        Map<String, Long> last = new java.util.HashMap<>();
        for (Incident i : emitted) {
            long previous = last.getOrDefault(i.getId(), 0L);
            assertEquals(previous + 1, i.getVersion(), "version of " + i.getId());
            last.put(i.getId(), i.getVersion());
        }
    }

    @Test
    void aTimerLeftByAnEarlierConfigurationQueuesTheIncidentsRealDeadline() {
        // The timer index holds the deadline computed when the incident last changed. A restart with a longer
        // resolve.observation moves the real deadline later without any change to the incident, so the entry that
        // pops finds nothing due; the engine must queue the real deadline, or the incident never resolves.
        AlertChange pool = fired("DBConnectionPoolExhausted", "payments-db", Severity.CRITICAL, t("1m"), t("2m"));
        engine.onAlertChange(KEY, pool);
        // Acknowledged, so no escalation is due either: the resolution is the incident's only deadline.
        engine.onAction(KEY, action(single(out.latest()).getId(), ActionKind.ACKNOWLEDGE, "alice", t("3m")));
        engine.onAlertChange(KEY, resolved(pool, t("5m"), 3)); // resolution due 10:15 under the default 10 min
        Map<String, String> longer = IncidentSettings.defaultMap();
        longer.put("resolve.observation", "20m");
        IncidentEngine restarted = new IncidentEngine(IncidentSettings.from(io.alertflow.config.ConfigSource.of(longer)),
                () -> graph, store, store, out);

        restarted.onTimer(t("15m"));
        assertNotEquals(IncidentState.RESOLVED, single(out.latest()).getState(), "20 min of observation have not passed");
        restarted.onTimer(t("24m"));
        assertNotEquals(IncidentState.RESOLVED, single(out.latest()).getState());
        restarted.onTimer(t("25m"));
        Incident resolvedIncident = single(out.latest());
        assertEquals(IncidentState.RESOLVED, resolvedIncident.getState());
        assertEquals(t("5m"), resolvedIncident.getResolvedAt());
    }

    @Test
    void theSameFiredOrResolvedDeliveredTwiceIsAppliedOnce() {
        // A broker that commits a transaction's outputs but aborts its offset commit hands the engine the same
        // changes again after a restart (docs/RELIABILITY.md); they must not count twice.
        AlertChange pool = fired("DBConnectionPoolExhausted", "payments-db", Severity.CRITICAL, t("1m"), t("2m"));
        AlertChange gone = resolved(pool, t("5m"), 13);
        engine.onAlertChange(KEY, pool);
        engine.onAlertChange(KEY, pool);
        Incident afterFired = single(out.latest());
        assertEquals(1, afterFired.getAlertCount());
        int versionsAfterFired = out.incidents.size();

        engine.onAlertChange(KEY, gone);
        engine.onAlertChange(KEY, gone);
        Incident afterResolved = single(out.latest());
        assertEquals(13, afterResolved.getDuplicateCount());
        assertEquals(versionsAfterFired + 1, out.incidents.size(), "only the first RESOLVED makes a version");
        assertEquals(List.of("FIRED", "RESOLVED"), out.decisions.stream()
                .filter(d -> d.getKind().equals(io.alertflow.explain.Decisions.REPEATED_DELIVERY))
                .map(d -> d.getDetail().substring(0, d.getDetail().indexOf(' '))).toList());
    }

    @Test
    void aResolveGoesToTheIncidentItsOccurrenceJoinedNotToAnOlderOneThatListsTheAlert() {
        // frontend relates to both payments-db and search-index.
        graph = frontendOverPaymentsAndSearch();
        String key = graph.correlationKey("frontend", "x");
        AlertChange db = fired("ReplicationLag", "payments-db", Severity.CRITICAL, t("0m"), t("0m"));
        AlertChange first = fired("HighLatency", "frontend", Severity.ERROR, t("1m"), t("1m"));
        engine.onAlertChange(key, db);
        engine.onAlertChange(key, first);
        engine.onAlertChange(key, resolved(db, t("3m"), 0));
        engine.onAlertChange(key, resolved(first, t("3m"), 0));
        tick(t("3m"), t("44m")); // resolves at 10:13; its reopen window ends at 10:43 (it is kept for an hour more)
        String payments = out.incidents.get(0).getId();
        assertEquals(IncidentState.RESOLVED, out.latest().get(payments).getState());

        // A new outage opens a second incident; the frontend alert fires again and joins it, and a responder
        // resolves that incident by hand while the alert still fires.
        engine.onAlertChange(key, fired("IndexStale", "search-index", Severity.CRITICAL, t("50m"), t("50m")));
        AlertChange again = fired("HighLatency", "frontend", Severity.ERROR, t("51m"), t("51m"), 2);
        engine.onAlertChange(key, again);
        String search = out.latest().values().stream().filter(i -> !i.getId().equals(payments)).findFirst().orElseThrow().getId();
        assertTrue(out.latest().get(search).getAlerts().contains(again.getFingerprint()));
        engine.onAction(key, action(search, ActionKind.RESOLVE, "bob", t("52m")));
        engine.onAlertChange(key, resolved(again, t("55m"), 9));

        assertEquals(false, memberOf(search, again.getFingerprint()).getFiring(), "the search incident's member resolved");
        assertEquals(9, out.latest().get(search).getDuplicateCount());
        assertEquals(0, out.latest().get(payments).getDuplicateCount());
    }

    private io.alertflow.avro.Member memberOf(String incidentId, String fingerprint) {
        return store.incidents.get(incidentId).getMembers().stream().filter(m -> m.getFingerprint().equals(fingerprint))
                .findFirst().orElseThrow();
    }

    /** frontend calls checkout (→ payments-db) and search (→ search-index); the two branches meet only at frontend. */
    static DependencyGraph frontendOverPaymentsAndSearch() {
        return DependencyGraph.of(List.of(
                Alerts.service("frontend", 1, List.of("checkout", "search"), null),
                Alerts.service("checkout", 2, List.of("payments-db"), Alerts.policy(Duration.ofMinutes(5), "checkout-oncall")),
                Alerts.service("payments-db", 2, List.of(), Alerts.policy(Duration.ofMinutes(5), "dba-oncall")),
                Alerts.service("search", 2, List.of("search-index"), Alerts.policy(Duration.ofMinutes(5), "search-oncall")),
                Alerts.service("search-index", 2, List.of(), Alerts.policy(Duration.ofMinutes(5), "search-index-oncall"))));
    }
}
