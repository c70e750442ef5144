package io.alertflow.incident;

import io.alertflow.avro.AlertChange;
import io.alertflow.avro.ChangeEvent;
import io.alertflow.avro.ChangeType;
import io.alertflow.avro.EscalationPolicy;
import io.alertflow.avro.Incident;
import io.alertflow.avro.IncidentAction;
import io.alertflow.avro.IncidentMetrics;
import io.alertflow.avro.IncidentRecord;
import io.alertflow.avro.IncidentState;
import io.alertflow.avro.Member;
import io.alertflow.avro.Page;
import io.alertflow.avro.PageKind;
import io.alertflow.avro.Priority;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.SuspectChange;
import io.alertflow.avro.Tally;
import io.alertflow.avro.TallyKind;
import io.alertflow.avro.TimelineEntry;
import io.alertflow.alert.Fingerprint;
import io.alertflow.correlation.DependencyGraph;
import io.alertflow.explain.Decisions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Correlation, lifecycle and escalation of SPEC §3.5–3.7 for the incidents of one correlation key,
 * free of Kafka: alert changes join, open or reopen incidents; actions move them through the
 * lifecycle; timers escalate, auto-resolve and forget them. Every change bumps the incident's
 * version by one and emits the incident, then the pages of that version.
 *
 * <p>Determinism matters more than convenience here: ids, page times and resolution times derive
 * from the input only (never from the wall clock), so a replay yields identical incidents and pages,
 * which is what exactly-once recovery and what-if comparisons rely on.
 */
public final class IncidentEngine {
    /** Bounds the work of one timer tick; the rest is picked up at the next one. */
    static final int MAX_TIMERS_PER_TICK = 10_000;

    private final IncidentSettings settings;
    private final Supplier<DependencyGraph> catalog;
    private final IncidentStore store;
    private final ChangeLog changes;
    private final IncidentOutput out;
    /** Scratch space of {@link #hopsTo}: the hops to each service of the incident at hand. */
    private final Map<String, Integer> hopsByService = new HashMap<>();

    public IncidentEngine(IncidentSettings settings, Supplier<DependencyGraph> catalog, IncidentStore store,
                          ChangeLog changes, IncidentOutput out) {
        this.settings = settings;
        this.catalog = catalog;
        this.store = store;
        this.changes = changes;
        this.out = out;
    }

    // ---------------------------------------------------------------- alerts

    /** Applies a new occurrence, a resolution or a release of one alert. */
    public void onAlertChange(String key, AlertChange change) {
        // Decoded once per event: the catch-up's timers update these records in place as they store them.
        List<IncidentRecord> incidents = catchUp(key, change.getAt());
        out.clock(change.getAt());
        ChangeType type = change.getChange();
        if (type == ChangeType.FIRED || type == ChangeType.RELEASED) {
            onFiring(key, change, incidents);
        } else if (type == ChangeType.RESOLVED || type == ChangeType.STALE) {
            onResolved(change, incidents);
        } else {
            out.rejected(change, "alert change of unknown type " + type + " for " + change.getFingerprint()
                    + "; the producer is newer than this app: upgrade alertflow");
        }
    }

    private void onFiring(String key, AlertChange change, List<IncidentRecord> incidents) {
        for (IncidentRecord r : incidents) {
            Member m = memberOf(r, change.getFingerprint());
            if (m != null && m.getFiring()) {
                // Dedup ends an occurrence (RESOLVED or STALE) before it sends the next FIRED, so a FIRED for a
                // member still firing is the same change delivered twice (a broker that lost part of a
                // transaction, docs/RELIABILITY.md): applying it would count the alert twice.
                ignoreRepeat(r, change);
                return;
            }
        }
        DependencyGraph graph = catalog.get();
        Instant now = change.getAt();
        IncidentRecord target = nearestOpen(incidents, change, graph);
        if (target == null) {
            target = nearestReopenable(incidents, change, graph, now);
            if (target != null) {
                Work w = new Work(target);
                reopen(w, now, "alert " + describe(change) + " fired again within the reopen window");
                join(w, change, graph);
                explain(w, change, Decisions.REOPENED_INCIDENT, "reopened incident " + target.getIncident().getId()
                        + ": it would have joined it, and it resolved less than reopen.window (" + human(settings.reopenWindow()) + ") ago");
                w.commit();
                return;
            }
            open(key, change, graph);
            return;
        }
        Work w = new Work(target);
        join(w, change, graph);
        explain(w, change, Decisions.JOINED_INCIDENT, "joined open incident " + target.getIncident().getId()
                + " as a member: its service is one of the incident's or related to one within correlation.max-hops, or it shares the group-by labels");
        w.commit();
    }

    private void onResolved(AlertChange change, List<IncidentRecord> incidents) {
        String fp = change.getFingerprint();
        // The incident where the alert is a firing member, preferring an open one: an older incident that
        // also lists it (an earlier occurrence) is not the one this occurrence joined.
        IncidentRecord holder = null;
        IncidentRecord earlier = null;
        for (IncidentRecord r : incidents) {
            Member m = memberOf(r, fp);
            if (m == null) {
                continue;
            }
            if (!m.getFiring()) {
                earlier = r;
            } else if (holder == null || isOpen(r)) {
                holder = r;
            }
        }
        if (holder == null) {
            if (earlier != null) {
                // One RESOLVED or STALE ends an occurrence and dedup absorbs every later one, so this is the
                // same change delivered twice: its duplicates are already counted.
                ignoreRepeat(earlier, change);
            }
            return; // else never joined an incident (e.g. held by maintenance), or its incident was forgotten
        }
        Member m = memberOf(holder, fp);
        Work w = new Work(holder);
        Instant at = change.getAt();
        Incident inc = holder.getIncident();
        inc.setDuplicateCount(inc.getDuplicateCount() + change.getDuplicates());
        m.setFiring(false);
        holder.setLastChangeAt(at);
        String how = change.getChange() == ChangeType.STALE ? "went stale (not refreshed or past endsAt)" : "resolved";
        w.timeline(at, "ALERT_RESOLVED", "alert " + describe(change) + " " + how);
        if (noneFiring(holder)) {
            holder.setLastAlertResolvedAt(at);
            if (isOpen(holder)) {
                w.timeline(at, "OBSERVING", "all alerts resolved; resolving after " + human(settings.observation())
                        + " without a new alert");
            }
        }
        w.commit();
    }

    private void ignoreRepeat(IncidentRecord r, AlertChange change) {
        out.decision(Decisions.aboutIncident(change.getFingerprint(), change.getAt(), Decisions.REPEATED_DELIVERY,
                r.getIncident().getId(), change.getChange() + " ignored: incident " + r.getIncident().getId()
                        + " has already applied this occurrence of the alert (a repeated delivery)"));
    }

    // ---------------------------------------------------------------- actions and changes

    /** Applies a responder action; the action's incidentId must be set (the router resolves fingerprints). */
    public void onAction(String key, IncidentAction action) {
        catchUp(key, action.getAt());
        out.clock(action.getAt());
        IncidentRecord r = action.getIncidentId() == null ? null : store.get(action.getIncidentId());
        if (r == null) {
            out.rejected(action, "action " + action.getAction() + " for unknown incident "
                    + Objects.requireNonNullElse(action.getIncidentId(), "(none; fingerprint " + action.getFingerprint() + ")")
                    + ": it never existed or was forgotten after incident.retention; check the id");
            return;
        }
        Lifecycle.Transition t = Lifecycle.apply(r.getIncident().getState(), action.getAction());
        if (t.effect() == Lifecycle.Effect.INVALID) {
            out.rejected(action, "cannot " + action.getAction() + " incident " + r.getIncident().getId() + ": " + t.reason());
            return;
        }
        if (t.effect() == Lifecycle.Effect.NO_OP) {
            return;
        }
        Work w = new Work(r);
        Instant at = action.getAt();
        String who = action.getActor() == null ? "someone" : action.getActor();
        String note = action.getNote() == null ? "" : ": " + action.getNote();
        switch (action.getAction()) {
            case ACKNOWLEDGE -> acknowledge(w, at, who + " acknowledged" + note);
            case MITIGATE -> {
                acknowledge(w, at, null);
                r.getIncident().setMitigatedAt(at);
                r.getIncident().setState(IncidentState.MITIGATED);
                w.timeline(at, "MITIGATED", who + " mitigated" + note);
            }
            case RESOLVE -> resolve(w, at, at, who + " resolved" + note);
            case REOPEN -> reopen(w, at, who + " reopened" + note);
            case ESCALATE -> escalate(w, at, who + " escalated" + note);
            case NOTE -> w.timeline(at, "NOTE", who + note);
            default -> throw new IllegalStateException("Lifecycle allowed " + action.getAction());
        }
        r.setLastChangeAt(max(r.getLastChangeAt(), at));
        w.commit();
    }

    /** Records a change event; open incidents of its service that started soon after gain a suspect. */
    public void onChange(String key, ChangeEvent change) {
        changes.add(change);
        out.clock(change.getAt());
        for (IncidentRecord r : load(key)) {
            Incident inc = r.getIncident();
            if (!isOpen(r) || !inc.getServices().contains(change.getService()) || !inLookback(inc, change.getAt())) {
                continue;
            }
            Work w = new Work(r);
            if (refreshSuspects(w)) {
                w.timeline(change.getAt(), "SUSPECT_CHANGE", "change " + change.getId() + " (" + change.getKind() + " of "
                        + change.getService() + " " + Objects.requireNonNullElse(change.getVersion(), "") + ") preceded the incident");
                w.commit();
            }
        }
    }

    // ---------------------------------------------------------------- timers

    /**
     * Escalates unacknowledged incidents, resolves quiet ones and forgets expired ones, as of {@code now}: only
     * the incidents whose timer is due are read, earliest deadline first.
     */
    public void onTimer(Instant now) {
        for (String id : store.popDueTimers(now, MAX_TIMERS_PER_TICK)) {
            IncidentRecord r = store.get(id);
            if (r == null) {
                continue; // forgotten since the timer was set
            }
            if (isExpired(r, now)) {
                forget(r);
                continue;
            }
            if (!runDueTimers(r, now)) {
                // Nothing was due: the entry was left by a deadline that moved. A change to the incident queues
                // its new deadline itself, but a restart with other settings (resolve.observation, reopen.window,
                // incident.retention) moves it without one, so queue the real deadline here.
                // (Each commit of runDueTimers has queued the next deadline itself.)
                scheduleNext(r);
            }
        }
        changes.expireBefore(now.minus(settings.changeLookback()).minus(settings.window()));
    }

    /** Queues the incident's next escalation, automatic resolution or expiry, whichever comes first. */
    private void scheduleNext(IncidentRecord r) {
        Instant next = earliest(earliest(escalationDue(r), resolutionDue(r)), expiresAt(r));
        if (next != null) {
            store.scheduleTimer(next, r.getIncident().getId());
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    /**
     * Runs the timers of the key's incidents that are due by {@code at} before an input of that time is
     * applied. Without this, whether an acknowledgement at 10:09 lands before or after an escalation due
     * at 10:07 would depend on when the punctuator last ran, and a replay or a restart could page
     * differently.
     */
    private List<IncidentRecord> catchUp(String key, Instant at) {
        List<IncidentRecord> incidents = load(key);
        for (IncidentRecord r : incidents) {
            runDueTimers(r, at);
        }
        return incidents;
    }

    /**
     * Applies, in time order and one version each, every escalation and auto-resolution due by {@code now}.
     *
     * @return whether anything was due (and so committed, which queues the incident's next deadline)
     */
    private boolean runDueTimers(IncidentRecord r, Instant now) {
        boolean ran = false;
        while (true) {
            Instant escalation = escalationDue(r);
            Instant resolution = resolutionDue(r);
            Instant next = earliest(escalation, resolution);
            if (next == null || next.isAfter(now)) {
                return ran;
            }
            Work w = new Work(r);
            out.clock(next);
            if (next.equals(escalation)) {
                escalate(w, escalation, "not acknowledged within " + human(ackTimeout(r)));
            } else {
                resolve(w, r.getLastAlertResolvedAt(), resolution,
                        "no alert fired for " + human(settings.observation()) + " after the last one resolved");
            }
            w.commit();
            ran = true;
        }
    }

    private static Instant escalationDue(IncidentRecord r) {
        return r.getIncident().getState() == IncidentState.TRIGGERED ? r.getNextEscalationAt() : null;
    }

    private Instant resolutionDue(IncidentRecord r) {
        Instant lastResolved = r.getLastAlertResolvedAt();
        if (!isOpen(r) || lastResolved == null || !noneFiring(r)) {
            return null;
        }
        return lastResolved.plus(settings.observation());
    }

    private boolean isExpired(IncidentRecord r, Instant now) {
        Instant expiry = expiresAt(r);
        return expiry != null && !now.isBefore(expiry);
    }

    /** When a resolved incident is forgotten: the first instant after its reopen window plus retention. */
    private Instant expiresAt(IncidentRecord r) {
        Instant declared = r.getDeclaredResolvedAt();
        if (r.getIncident().getState() != IncidentState.RESOLVED || declared == null) {
            return null;
        }
        return declared.plus(settings.reopenWindow()).plus(settings.retention()).plusMillis(1);
    }

    private void forget(IncidentRecord r) {
        Incident inc = r.getIncident();
        store.delete(inc.getId());
        List<String> ids = new ArrayList<>(store.idsForKey(inc.getCorrelationKey()));
        ids.remove(inc.getId());
        store.setIdsForKey(inc.getCorrelationKey(), ids);
        out.index("id:" + inc.getId(), null);
        for (Member m : r.getMembers()) {
            out.index("fp:" + m.getFingerprint(), null);
        }
    }

    // ---------------------------------------------------------------- correlation

    private IncidentRecord nearestOpen(List<IncidentRecord> incidents, AlertChange change, DependencyGraph graph) {
        return nearest(incidents, change, graph, IncidentEngine::isOpen);
    }

    private IncidentRecord nearestReopenable(List<IncidentRecord> incidents, AlertChange change, DependencyGraph graph,
                                             Instant now) {
        return nearest(incidents, change, graph, r -> !isOpen(r) && r.getDeclaredResolvedAt() != null
                && !now.isAfter(r.getDeclaredResolvedAt().plus(settings.reopenWindow())));
    }

    /** The candidate with the fewest hops to the alert, then the most recently changed one. */
    private IncidentRecord nearest(List<IncidentRecord> incidents, AlertChange change, DependencyGraph graph,
                                   java.util.function.Predicate<IncidentRecord> eligible) {
        IncidentRecord best = null;
        int bestHops = Integer.MAX_VALUE;
        for (IncidentRecord r : incidents) {
            if (!eligible.test(r)) {
                continue;
            }
            OptionalInt hops = hopsTo(r, change, graph);
            if (hops.isEmpty()) {
                continue;
            }
            int h = hops.getAsInt();
            if (best == null || h < bestHops || (h == bestHops && r.getLastChangeAt().isAfter(best.getLastChangeAt()))) {
                best = r;
                bestHops = h;
            }
        }
        return best;
    }

    /** Hops between the alert and the nearest member of the incident; empty when unrelated. */
    private OptionalInt hopsTo(IncidentRecord r, AlertChange change, DependencyGraph graph) {
        RawAlert a = change.getAlert();
        String service = serviceOf(a);
        String alertname = a.getLabels().get("alertname");
        String groupValues = groupValues(a);
        int best = Integer.MAX_VALUE;
        // An incident has up to incident.max-members members but few distinct services: ask the graph once per
        // service (the benchmarks' JMH profile had hops() per member at ~2/3 of a join's cost). One map, emptied per
        // call: a new one grew its table again for every incident of every alert change.
        hopsByService.clear();
        for (Member m : r.getMembers()) {
            if (m.getFingerprint().equals(change.getFingerprint())
                    || (groupValues != null && groupValues.equals(m.getGroupValues()))) {
                return OptionalInt.of(0);
            }
            if (service == null || m.getService() == null) {
                // Alerts without a service relate only to service-less alerts of the same rule.
                if (service == null && m.getService() == null && m.getAlertname().equals(alertname)) {
                    best = 0;
                }
                continue;
            }
            int h = hopsByService.computeIfAbsent(m.getService(),
                    other -> graph.hops(service, other, settings.maxHops()).orElse(-1));
            if (h >= 0) {
                best = Math.min(best, h);
            }
        }
        return best == Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of(best);
    }

    private void open(String key, AlertChange change, DependencyGraph graph) {
        RawAlert a = change.getAlert();
        Instant at = change.getAt();
        String id = incidentId(key, change);
        Incident inc = Incident.newBuilder()
                .setId(id).setVersion(0).setState(IncidentState.TRIGGERED)
                .setPriority(Priority.P5).setSeverity(a.getSeverity())
                .setTitle(a.getLabels().getOrDefault("alertname", "alert")).setCorrelationKey(key)
                .setServices(new ArrayList<>()).setAlerts(new ArrayList<>())
                .setStartedAt(change.getEffectiveStartsAt()).setDetectedAt(change.getDetectedAt())
                .setSuspectChanges(new ArrayList<>()).setTimeline(new ArrayList<>())
                .setEscalationLevel(0)
                .build();
        IncidentRecord r = IncidentRecord.newBuilder().setIncident(inc).setMembers(new ArrayList<>())
                .setLastChangeAt(at).build();
        Work w = new Work(r);
        w.timeline(at, "OPENED", "opened by " + describe(change));
        List<String> ids = new ArrayList<>(store.idsForKey(key));
        ids.add(id);
        store.setIdsForKey(key, ids);
        out.index("id:" + id, key);
        join(w, change, graph);
        explain(w, change, Decisions.OPENED_INCIDENT, "opened incident " + id
                + ": no open incident of correlation key " + key + " holds a related service");
        String service = serviceOf(a);
        out.tally(tally(TallyKind.INCIDENT_OPENED, service, null, at));
        w.commit();
    }

    private void join(Work w, AlertChange change, DependencyGraph graph) {
        IncidentRecord r = w.record;
        Incident inc = r.getIncident();
        RawAlert a = change.getAlert();
        Instant at = change.getAt();
        Member m = memberOf(r, change.getFingerprint());
        if (m == null) {
            m = newMember(change);
            if (r.getMembers().size() < settings.maxMembers()) {
                List<Member> members = new ArrayList<>(r.getMembers());
                members.add(m);
                r.setMembers(members);
                List<String> fps = new ArrayList<>(inc.getAlerts());
                fps.add(change.getFingerprint());
                inc.setAlerts(fps);
            }
            out.index("fp:" + change.getFingerprint(), inc.getId());
        } else {
            m.setFiring(true);
            m.setSeverity(a.getSeverity());
        }
        inc.setAlertCount(inc.getAlertCount() + 1);
        String service = serviceOf(a);
        if (service != null && !inc.getServices().contains(service)) {
            List<String> services = new ArrayList<>(inc.getServices());
            services.add(service);
            inc.setServices(services);
        }
        if (change.getEffectiveStartsAt().isBefore(inc.getStartedAt())) {
            inc.setStartedAt(change.getEffectiveStartsAt());
        }
        inc.setSeverity(PriorityMatrix.max(inc.getSeverity(), a.getSeverity()));
        r.setLastChangeAt(at);
        r.setLastAlertResolvedAt(null);
        if (inc.getVersion() > 0 || !r.getMembers().isEmpty() && r.getMembers().get(0) != m) {
            String how = change.getChange() == ChangeType.RELEASED
                    ? " (released at the end of maintenance window " + change.getReleasedFrom() + ")" : "";
            w.timeline(at, "ALERT_JOINED", "alert " + describe(change) + " joined" + how);
        }
        refreshDerived(w, graph, at);
    }

    private Member newMember(AlertChange change) {
        RawAlert a = change.getAlert();
        return Member.newBuilder()
                .setFingerprint(change.getFingerprint())
                .setAlertname(a.getLabels().getOrDefault("alertname", ""))
                .setService(serviceOf(a))
                .setSeverity(a.getSeverity())
                .setFiring(true)
                .setJoinedAt(change.getAt())
                .setStartsAt(change.getEffectiveStartsAt())
                .setDetectedAt(change.getDetectedAt())
                .setGroupValues(groupValues(a))
                .setRunbookUrl(a.getAnnotations().get("runbook_url"))
                .build();
    }

    /** Recomputes root cause, priority, title, runbook and suspects; pages when the incident first qualifies. */
    private void refreshDerived(Work w, DependencyGraph graph, Instant at) {
        IncidentRecord r = w.record;
        Incident inc = r.getIncident();
        String root = RootCause.of(r.getMembers(), graph);
        if (!Objects.equals(root, inc.getRootCauseService())) {
            if (root != null) {
                w.timeline(at, "ROOT_CAUSE", root + " is the root-cause candidate: " + RootCause.why(root, r.getMembers(), graph));
            }
            inc.setRootCauseService(root);
        }
        int tier = inc.getServices().stream().mapToInt(graph::tier).min().orElse(DependencyGraph.DEFAULT_TIER);
        Priority priority = PriorityMatrix.of(inc.getSeverity(), tier);
        if (priority != inc.getPriority() && inc.getVersion() > 0) {
            w.timeline(at, "PRIORITY", "priority " + inc.getPriority() + " -> " + priority);
        }
        inc.setPriority(priority);
        inc.setTitle(title(r));
        inc.setRunbookUrl(runbook(r, graph));
        refreshSuspects(w);
        if (!r.getPaged() && isOpen(r) && PriorityMatrix.atLeast(priority, settings.minPagingPriority())) {
            trigger(w, at);
        }
    }

    private String title(IncidentRecord r) {
        Incident inc = r.getIncident();
        String root = inc.getRootCauseService();
        Member lead = r.getMembers().stream()
                .filter(m -> root == null || root.equals(m.getService()))
                .findFirst().orElse(r.getMembers().isEmpty() ? null : r.getMembers().get(0));
        if (lead == null) {
            return inc.getTitle();
        }
        String where = lead.getService() == null ? "" : " on " + lead.getService();
        int others = inc.getServices().size() - (lead.getService() == null ? 0 : 1);
        return lead.getAlertname() + where + (others > 0 ? " (+" + others + " related service" + (others > 1 ? "s" : "") + ")" : "");
    }

    private static String runbook(IncidentRecord r, DependencyGraph graph) {
        String root = r.getIncident().getRootCauseService();
        for (Member m : r.getMembers()) {
            if (m.getRunbookUrl() != null && Objects.equals(root, m.getService())) {
                return m.getRunbookUrl();
            }
        }
        for (Member m : r.getMembers()) {
            if (m.getRunbookUrl() != null) {
                return m.getRunbookUrl();
            }
        }
        return graph.runbookUrl(root);
    }

    /** Recomputes suspect changes; true when they changed. */
    private boolean refreshSuspects(Work w) {
        Incident inc = w.record.getIncident();
        Instant to = inc.getStartedAt();
        Instant from = to.minus(settings.changeLookback());
        List<ChangeEvent> found = new ArrayList<>();
        for (String service : inc.getServices()) {
            found.addAll(changes.between(service, from, to));
        }
        found.sort(Comparator.comparing(ChangeEvent::getAt).reversed().thenComparing(ChangeEvent::getId));
        List<SuspectChange> suspects = found.stream().limit(settings.maxSuspects())
                .map(c -> SuspectChange.newBuilder().setId(c.getId()).setService(c.getService())
                        .setKind(c.getKind().name()).setVersion(c.getVersion()).setAt(c.getAt()).build())
                .toList();
        if (suspects.equals(inc.getSuspectChanges())) {
            return false;
        }
        inc.setSuspectChanges(new ArrayList<>(suspects));
        w.dirty = true;
        return true;
    }

    private boolean inLookback(Incident inc, Instant at) {
        return !at.isAfter(inc.getStartedAt()) && !at.isBefore(inc.getStartedAt().minus(settings.changeLookback()));
    }

    // ---------------------------------------------------------------- lifecycle and paging

    /** Records where the alert went and whether that paged, for "why did this (not) page". */
    private void explain(Work w, AlertChange change, String kind, String detail) {
        IncidentRecord r = w.record;
        Incident inc = r.getIncident();
        String fp = change.getFingerprint();
        Instant at = change.getAt();
        out.decision(Decisions.aboutIncident(fp, at, kind, inc.getId(), detail));
        if (!w.pages.isEmpty()) {
            Page p = w.pages.get(0);
            out.decision(Decisions.aboutIncident(fp, at, Decisions.PAGED, inc.getId(), p.getKind() + " page to level "
                    + p.getLevel() + " (" + p.getTarget() + ") for incident " + inc.getId() + " at priority " + inc.getPriority()));
        } else if (!r.getPaged()) {
            out.decision(Decisions.aboutIncident(fp, at, Decisions.NOT_PAGED, inc.getId(), "incident " + inc.getId()
                    + " is " + inc.getPriority() + ", below paging.min-priority " + settings.minPagingPriority()
                    + ": recorded on incidents without a page"));
        } else if (inc.getAcknowledgedAt() != null && inc.getState() != IncidentState.TRIGGERED) {
            out.decision(Decisions.aboutIncident(fp, at, Decisions.NOT_PAGED, inc.getId(), "incident " + inc.getId()
                    + " was already acknowledged at " + inc.getAcknowledgedAt() + " (" + inc.getState() + "): no new page"));
        } else {
            out.decision(Decisions.aboutIncident(fp, at, Decisions.NOT_PAGED, inc.getId(), "incident " + inc.getId()
                    + " already paged level " + inc.getEscalationLevel() + "; no second page for a member alert"
                    + (r.getNextEscalationAt() == null ? "" : ", escalates at " + r.getNextEscalationAt() + " unless acknowledged")));
        }
    }

    private void trigger(Work w, Instant at) {
        IncidentRecord r = w.record;
        r.setPaged(true);
        r.setPageTargetService(pageService(r));
        r.getIncident().setEscalationLevel(1);
        w.page(PageKind.TRIGGER, 1, at);
        scheduleEscalation(r, at);
    }

    private void acknowledge(Work w, Instant at, String detail) {
        Incident inc = w.record.getIncident();
        if (inc.getAcknowledgedAt() == null) {
            inc.setAcknowledgedAt(at);
        }
        inc.setState(IncidentState.ACKNOWLEDGED);
        w.record.setNextEscalationAt(null);
        if (detail != null) {
            w.timeline(at, "ACKNOWLEDGED", detail + "; escalation stopped");
        }
    }

    private void escalate(Work w, Instant at, String why) {
        IncidentRecord r = w.record;
        Incident inc = r.getIncident();
        // One page chain follows one policy: the one whose level 1 got the TRIGGER (or REOPEN) page.
        // Switching policies mid-chain when the root moves would page a second team at level 2.
        List<String> levels = levels(r);
        if (!r.getPaged() || inc.getEscalationLevel() >= levels.size()) {
            r.setNextEscalationAt(null);
            w.timeline(at, "ESCALATION", why + "; already at the last level (" + inc.getEscalationLevel() + "), nobody else to page");
            return;
        }
        int level = inc.getEscalationLevel() + 1;
        inc.setEscalationLevel(level);
        w.timeline(at, "ESCALATED", why + "; escalating to level " + level + " (" + levels.get(level - 1) + ")");
        w.page(PageKind.ESCALATE, level, at);
        scheduleEscalation(r, at);
    }

    private void scheduleEscalation(IncidentRecord r, Instant from) {
        boolean more = r.getIncident().getEscalationLevel() < levels(r).size();
        r.setNextEscalationAt(more && r.getIncident().getState() == IncidentState.TRIGGERED ? from.plus(ackTimeout(r)) : null);
    }

    private void resolve(Work w, Instant resolvedAt, Instant declaredAt, String why) {
        IncidentRecord r = w.record;
        Incident inc = r.getIncident();
        inc.setState(IncidentState.RESOLVED);
        inc.setResolvedAt(resolvedAt);
        r.setDeclaredResolvedAt(declaredAt);
        r.setNextEscalationAt(null);
        w.timeline(declaredAt, "RESOLVED", why);
        if (r.getPaged()) {
            w.page(PageKind.RESOLVE, Math.max(1, inc.getEscalationLevel()), declaredAt);
        }
        emitMetrics(r, declaredAt);
    }

    private void reopen(Work w, Instant at, String why) {
        IncidentRecord r = w.record;
        Incident inc = r.getIncident();
        inc.setState(IncidentState.TRIGGERED);
        inc.setReopenCount(inc.getReopenCount() + 1);
        inc.setResolvedAt(null);
        r.setDeclaredResolvedAt(null);
        r.setLastChangeAt(at);
        if (noneFiring(r)) {
            // A reopen with nothing firing (a responder's REOPEN) starts a new observation window instead
            // of resolving again at the next timer.
            r.setLastAlertResolvedAt(at);
        }
        w.timeline(at, "REOPENED", why + " (reopen " + inc.getReopenCount() + ")");
        if (r.getPaged() || PriorityMatrix.atLeast(inc.getPriority(), settings.minPagingPriority())) {
            r.setPaged(true);
            r.setPageTargetService(pageService(r));
            inc.setEscalationLevel(1);
            w.page(PageKind.REOPEN, 1, at);
            scheduleEscalation(r, at);
        }
    }

    private void emitMetrics(IncidentRecord r, Instant at) {
        Incident inc = r.getIncident();
        ResponseTimes t = ResponseTimes.of(inc.getStartedAt(), inc.getDetectedAt(), inc.getAcknowledgedAt(), inc.getResolvedAt());
        out.metrics(IncidentMetrics.newBuilder()
                .setIncidentId(inc.getId()).setPriority(inc.getPriority()).setServices(new ArrayList<>(inc.getServices()))
                .setStartedAt(inc.getStartedAt()).setDetectedAt(inc.getDetectedAt())
                .setAcknowledgedAt(inc.getAcknowledgedAt()).setResolvedAt(inc.getResolvedAt())
                .setTtdMs(t.ttdMs()).setTtaMs(t.ttaMs()).setTtrMs(t.ttrMs())
                .setAlertCount(inc.getAlertCount()).setDuplicateCount(inc.getDuplicateCount())
                .setReopenCount(inc.getReopenCount())
                .build());
        for (String service : inc.getServices()) {
            Tally resolved = tally(TallyKind.INCIDENT_RESOLVED, service, null, at);
            resolved.setTtaMs(t.ttaMs());
            resolved.setTtrMs(t.ttrMs());
            out.tally(resolved);
        }
        Set<String> rules = new LinkedHashSet<>();
        for (Member m : r.getMembers()) {
            if (rules.add(m.getAlertname() + "\u0000" + m.getService())) {
                Tally member = tally(TallyKind.MEMBER_RESOLVED, m.getService(), m.getAlertname(), at);
                member.setTtaMs(t.ttaMs());
                out.tally(member);
            }
        }
    }

    private String pageService(IncidentRecord r) {
        Incident inc = r.getIncident();
        if (inc.getRootCauseService() != null) {
            return inc.getRootCauseService();
        }
        return inc.getServices().isEmpty() ? null : inc.getServices().get(0);
    }

    private List<String> levels(IncidentRecord r) {
        EscalationPolicy policy = catalog.get().escalation(r.getPageTargetService());
        if (policy == null || policy.getLevels().isEmpty()) {
            return settings.defaultLevels();
        }
        return policy.getLevels();
    }

    private Duration ackTimeout(IncidentRecord r) {
        EscalationPolicy policy = catalog.get().escalation(r.getPageTargetService());
        if (policy == null || policy.getLevels().isEmpty() || policy.getAckTimeoutMs() <= 0) {
            return settings.ackTimeoutFor(r.getIncident().getPriority());
        }
        return Duration.ofMillis(policy.getAckTimeoutMs());
    }

    // ---------------------------------------------------------------- helpers

    private List<IncidentRecord> load(String key) {
        List<IncidentRecord> found = new ArrayList<>();
        for (String id : store.idsForKey(key)) {
            IncidentRecord r = store.get(id);
            if (r != null) {
                found.add(r);
            }
        }
        return found;
    }

    static boolean isOpen(IncidentRecord r) {
        return r.getIncident().getState() != IncidentState.RESOLVED;
    }

    private static boolean noneFiring(IncidentRecord r) {
        return r.getMembers().stream().noneMatch(Member::getFiring);
    }

    private static Member memberOf(IncidentRecord r, String fingerprint) {
        for (Member m : r.getMembers()) {
            if (m.getFingerprint().equals(fingerprint)) {
                return m;
            }
        }
        return null;
    }

    static String serviceOf(RawAlert a) {
        String s = a.getLabels().get("service");
        return s == null || s.isEmpty() ? null : s;
    }

    private String groupValues(RawAlert a) {
        if (settings.groupBy().isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (String label : settings.groupBy()) {
            String v = a.getLabels().get(label);
            if (v == null) {
                return null;
            }
            sb.append(label).append('=').append(v).append('\u0000');
        }
        return sb.toString();
    }

    /** Deterministic id: the same opening alert at the same event time in the same key gives the same id. */
    static String incidentId(String key, AlertChange change) {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("key", key);
        parts.put("fingerprint", change.getFingerprint());
        parts.put("at", Long.toString(change.getAt().toEpochMilli()));
        parts.put("occurrence", Integer.toString(change.getOccurrence()));
        return "INC-" + Fingerprint.of(parts).substring(0, 12);
    }

    private static String describe(AlertChange change) {
        RawAlert a = change.getAlert();
        String service = serviceOf(a);
        return a.getLabels().getOrDefault("alertname", "?") + (service == null ? "" : " on " + service)
                + " [" + change.getFingerprint() + "]";
    }

    private static Tally tally(TallyKind kind, String service, String alertname, Instant at) {
        return Tally.newBuilder().setKind(kind).setService(service).setAlertname(alertname).setAt(at).build();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        if (s % 3600 == 0) {
            return s / 3600 + " h";
        }
        if (s % 60 == 0) {
            return s / 60 + " min";
        }
        return s + " s";
    }

    /**
     * This version of {@code inc}, unchanged by later work on the record. A shallow copy is enough: the engine
     * replaces an incident's lists and nested records, never changes them in place (every test that keeps emitted
     * versions, e.g. through {@code RecordingOutput}, would see later changes in earlier versions otherwise). The
     * deep copy this replaced was 6 % of a what-if run.
     */
    static Incident snapshot(Incident inc) {
        Incident copy = new Incident();
        int fields = inc.getSchema().getFields().size();
        for (int i = 0; i < fields; i++) {
            copy.put(i, inc.get(i));
        }
        return copy;
    }

    /** One unit of work on an incident: collects timeline entries and pages, then commits one version. */
    private final class Work {
        final IncidentRecord record;
        final List<Page> pages = new ArrayList<>();
        boolean dirty;

        Work(IncidentRecord record) {
            this.record = record;
        }

        void timeline(Instant at, String kind, String detail) {
            List<TimelineEntry> timeline = new ArrayList<>(record.getIncident().getTimeline());
            timeline.add(TimelineEntry.newBuilder().setAt(at).setKind(kind).setDetail(detail).build());
            int max = settings.maxTimeline();
            if (timeline.size() > max) {
                // Keep the opening entry: it says how the incident began.
                timeline.subList(1, timeline.size() - max + 1).clear();
            }
            record.getIncident().setTimeline(timeline);
            dirty = true;
        }

        void page(PageKind kind, int level, Instant at) {
            List<String> levels = levels(record);
            String target = levels.get(Math.min(level, levels.size()) - 1);
            Incident inc = record.getIncident();
            pages.add(Page.newBuilder().setIncidentId(inc.getId()).setKind(kind).setLevel(level).setTarget(target)
                    .setPriority(inc.getPriority()).setTitle(inc.getTitle()).setAt(at).setIncidentVersion(0).build());
            timeline(at, "PAGED", kind + " page to level " + level + " (" + target + ")");
        }

        void commitIfDirty() {
            if (dirty) {
                commit();
            }
        }

        void commit() {
            Incident inc = record.getIncident();
            inc.setVersion(inc.getVersion() + 1);
            store.put(inc.getId(), record);
            scheduleNext(record);
            out.incident(snapshot(inc));
            for (Page p : pages) {
                p.setIncidentVersion(inc.getVersion());
                p.setTitle(inc.getTitle());
                p.setPriority(inc.getPriority());
                out.page(p);
            }
            pages.clear();
            dirty = false;
        }
    }
}
