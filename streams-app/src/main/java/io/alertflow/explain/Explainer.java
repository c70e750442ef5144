package io.alertflow.explain;

import io.alertflow.avro.AlertChange;
import io.alertflow.avro.Decision;
import io.alertflow.avro.DecisionLog;
import io.alertflow.avro.Incident;
import io.alertflow.avro.IncidentRecord;
import io.alertflow.avro.Member;
import io.alertflow.avro.TimelineEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Assembles explanations from what the stores hold, free of Kafka: an alert's decisions plus the live dedup
 * and maintenance state and the paging story of its incident; an incident's timeline merged with its members'
 * decisions.
 */
public final class Explainer {
    /** Incident timeline kinds that bear on whether anyone was (or will be) paged. */
    static final Set<String> PAGING_KINDS = Set.of("ROOT_CAUSE", "PRIORITY", "PAGED", "ESCALATED", "ESCALATION",
            "ACKNOWLEDGED", "MITIGATED", "RESOLVED", "REOPENED");
    /** Decisions that end an occurrence (dedup's RESOLVED and STALE); they follow whatever kept it from paging. */
    private static final Set<String> RESOLUTIONS = Set.of(Decisions.RESOLVED, Decisions.STALE);

    private Explainer() {
    }

    /**
     * Explains one alert.
     *
     * @param log its decisions, or null when none are retained
     * @param dedup its dedup-store entry, or null
     * @param held its suppressed-store entry (held by a window now), or null
     * @param incident the incident that holds it (from the incident index), or null
     */
    public static AlertExplanation explainAlert(String fingerprint, DecisionLog log, AlertChange dedup, AlertChange held,
                                                IncidentRecord incident) {
        List<Step> steps = new ArrayList<>();
        List<Decision> decisions = log == null ? List.of() : log.getDecisions();
        decisions.forEach(d -> steps.add(step(d)));
        if (incident != null) {
            Instant joined = joinedAt(incident, fingerprint);
            for (TimelineEntry e : incident.getIncident().getTimeline()) {
                if (PAGING_KINDS.contains(e.getKind()) && (joined == null || !e.getAt().isBefore(joined))) {
                    steps.add(new Step(e.getAt(), "incident", e.getKind(), e.getDetail(), null, incident.getIncident().getId()));
                }
            }
        }
        steps.sort(Comparator.comparing(Step::at));
        AlertExplanation.Occurrence occurrence = dedup == null ? null : new AlertExplanation.Occurrence(dedup.getOccurrence(),
                dedup.getChange().name(), dedup.getDuplicates(), dedup.getAlert().getReceivedAt(), dedup.getFlap());
        String heldBy = held == null ? null : held.getReleasedFrom();
        String incidentId = incident == null ? null : incident.getIncident().getId();
        return new AlertExplanation(fingerprint, verdict(decisions, held, incident), incidentId, occurrence, heldBy, steps,
                log == null ? 0 : log.getDroppedCount());
    }

    /** Explains an incident: its own timeline, and each member's decisions ({@code memberLogs} by fingerprint). */
    public static List<Step> explainIncident(IncidentRecord incident, Map<String, DecisionLog> memberLogs) {
        Incident inc = incident.getIncident();
        List<Step> steps = new ArrayList<>();
        for (TimelineEntry e : inc.getTimeline()) {
            steps.add(new Step(e.getAt(), "incident", e.getKind(), e.getDetail(), null, inc.getId()));
        }
        for (Member m : incident.getMembers()) {
            DecisionLog log = memberLogs.get(m.getFingerprint());
            if (log == null) {
                continue;
            }
            for (Decision d : log.getDecisions()) {
                // The incident's own membership steps are already on its timeline; keep what happened before and elsewhere.
                if (d.getIncidentId() == null || !d.getIncidentId().equals(inc.getId())) {
                    steps.add(step(d));
                } else if (Decisions.PAGED.equals(d.getKind()) || Decisions.NOT_PAGED.equals(d.getKind())) {
                    steps.add(step(d));
                }
            }
        }
        steps.sort(Comparator.comparing(Step::at));
        return steps;
    }

    /** One sentence: did it page, and if not, why not. */
    static String verdict(List<Decision> decisions, AlertChange held, IncidentRecord incident) {
        if (held != null) {
            Decision suppressed = last(decisions, Decisions.SUPPRESSED);
            String window = suppressed == null ? "maintenance window " + held.getReleasedFrom()
                    : "maintenance window '" + suppressed.getWindowName() + "' (" + suppressed.getWindowId() + ") until " + (suppressed.getUntil() == null ? "its end" : java.time.Instant.ofEpochMilli(suppressed.getUntil()));
            return "not paged: suppressed by " + window + "; it reaches correlation when the window ends if still firing";
        }
        Decision paging = lastOf(decisions, Set.of(Decisions.PAGED, Decisions.NOT_PAGED));
        if (paging != null && Decisions.PAGED.equals(paging.getKind())) {
            return "paged: " + paging.getDetail();
        }
        if (paging != null) {
            return "did not page by itself: " + paging.getDetail();
        }
        // The alert's own resolution follows whatever stopped it (a window, a dead letter): look past it.
        Decision last = lastMatching(decisions, d -> !RESOLUTIONS.contains(d.getKind()));
        if (last != null && Decisions.DEAD_LETTERED.equals(last.getKind())) {
            return "not paged: " + last.getDetail();
        }
        if (last != null && Decisions.SUPPRESSED.equals(last.getKind())) {
            return "not paged: it was suppressed by maintenance window '" + last.getWindowName() + "' and resolved before the window ended";
        }
        if (incident != null) {
            return "member of incident " + incident.getIncident().getId() + "; its decisions are older than explain.retention";
        }
        return "not paged: it has not reached an incident (no correlation decision is retained for it)";
    }

    private static Instant joinedAt(IncidentRecord incident, String fingerprint) {
        for (Member m : incident.getMembers()) {
            if (m.getFingerprint().equals(fingerprint)) {
                return m.getJoinedAt();
            }
        }
        return null;
    }

    private static Decision last(List<Decision> decisions, String kind) {
        return lastOf(decisions, Set.of(kind));
    }

    private static Decision lastOf(List<Decision> decisions, Set<String> kinds) {
        return lastMatching(decisions, d -> kinds.contains(d.getKind()));
    }

    private static Decision lastMatching(List<Decision> decisions, Predicate<Decision> match) {
        for (int i = decisions.size() - 1; i >= 0; i--) {
            if (match.test(decisions.get(i))) {
                return decisions.get(i);
            }
        }
        return null;
    }

    private static Step step(Decision d) {
        return new Step(d.getAt(), d.getStage(), d.getKind(), d.getDetail(), d.getFingerprint(), d.getIncidentId());
    }
}
