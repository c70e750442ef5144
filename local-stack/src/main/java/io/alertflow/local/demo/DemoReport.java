package io.alertflow.local.demo;

import io.alertflow.avro.Incident;
import io.alertflow.avro.IncidentMetrics;
import io.alertflow.avro.Page;
import io.alertflow.avro.SuspectChange;
import io.alertflow.avro.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders what a demo produced for a person: each incident (priority, state, root cause, suspect change,
 * services, timeline, pages), a table of TTD/TTA/TTR, and a summary with the noise reduction. Times are shown
 * in scenario time — offsets from the start of playback and durations multiplied back by the compression —
 * so the story reads in the minutes it describes.
 */
public final class DemoReport {
    /** Timeline entries shown per incident; the rest are counted. */
    static final int MAX_TIMELINE_LINES = 25;

    private final Instant start;
    private final double speed;

    /**
     * @param start real instant of scenario minute 0
     * @param speed time compression the scenarios were played with
     */
    public DemoReport(Instant start, double speed) {
        this.start = start;
        this.speed = speed;
    }

    /** The whole report. */
    public String render(DemoOutcome outcome) {
        StringBuilder b = new StringBuilder();
        List<Incident> incidents = outcome.incidents();
        b.append(incidents.size()).append(incidents.size() == 1 ? " incident" : " incidents").append('\n');
        for (Incident incident : incidents) {
            b.append('\n').append(incident(incident, outcome.pagesOf(incident.getId().toString())));
        }
        b.append('\n').append(responseTimes(outcome.metrics()));
        b.append('\n').append(summary(outcome));
        return b.toString();
    }

    /** One incident with its timeline and pages. */
    String incident(Incident i, List<Page> pages) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("Incident %s  %s  %s%s%n", i.getId(), i.getPriority(), i.getState(),
                i.getReopenCount() > 0 ? "  (reopened " + i.getReopenCount() + "x)" : ""));
        line(b, "title", i.getTitle());
        line(b, "root cause", i.getRootCauseService() == null ? "(not determined)" : i.getRootCauseService());
        line(b, "suspect change", suspects(i));
        line(b, "services", String.join(", ", i.getServices()));
        line(b, "alerts", i.getAlertCount() + " distinct, " + i.getDuplicateCount() + " re-sends absorbed");
        line(b, "started", offset(i.getStartedAt()) + ", detected " + offset(i.getDetectedAt())
                + (i.getAcknowledgedAt() == null ? "" : ", acknowledged " + offset(i.getAcknowledgedAt()))
                + (i.getMitigatedAt() == null ? "" : ", mitigated " + offset(i.getMitigatedAt()))
                + (i.getResolvedAt() == null ? "" : ", resolved " + offset(i.getResolvedAt())));
        if (i.getRunbookUrl() != null) {
            line(b, "runbook", i.getRunbookUrl());
        }
        b.append("  timeline\n");
        List<TimelineEntry> timeline = i.getTimeline();
        for (int n = 0; n < Math.min(timeline.size(), MAX_TIMELINE_LINES); n++) {
            TimelineEntry e = timeline.get(n);
            b.append(String.format("    %s  %-16s %s%n", offset(e.getAt()), e.getKind(), e.getDetail()));
        }
        if (timeline.size() > MAX_TIMELINE_LINES) {
            b.append("    … ").append(timeline.size() - MAX_TIMELINE_LINES).append(" more entries\n");
        }
        b.append("  pages\n");
        if (pages.isEmpty()) {
            b.append("    none (").append(i.getPriority()).append(" is below paging.min-priority)\n");
        }
        for (Page p : pages) {
            b.append(String.format("    %s  %-8s level %d -> %s (%s, incident version %d)%n", offset(p.getAt()), p.getKind(),
                    p.getLevel(), p.getTarget(), p.getPriority(), p.getIncidentVersion()));
        }
        return b.toString();
    }

    private String suspects(Incident i) {
        List<SuspectChange> changes = i.getSuspectChanges();
        if (changes.isEmpty()) {
            return "none within change.lookback";
        }
        List<String> parts = new ArrayList<>();
        for (SuspectChange c : changes) {
            parts.add((c.getKind() == null ? "change" : c.getKind()) + " " + c.getService()
                    + (c.getVersion() == null ? "" : " " + c.getVersion()) + " at " + offset(c.getAt())
                    + " (" + duration(Duration.between(c.getAt(), i.getStartedAt())) + " before the start)");
        }
        return String.join("; ", parts);
    }

    /** The TTD/TTA/TTR table, one row per resolution (a reopened incident resolves twice). */
    String responseTimes(List<IncidentMetrics> metrics) {
        StringBuilder b = new StringBuilder("Response times (scenario time)\n");
        if (metrics.isEmpty()) {
            return b.append("  no incident resolved\n").toString();
        }
        String format = "  %-28s %-4s %-9s %-9s %-9s %-7s %s%n";
        b.append(String.format(format, "incident", "prio", "TTD", "TTA", "TTR", "reopens", "services"));
        for (IncidentMetrics m : metrics) {
            b.append(String.format(format, m.getIncidentId(), m.getPriority(), duration(m.getTtdMs()),
                    m.getTtaMs() == null ? "never" : duration(m.getTtaMs()), duration(m.getTtrMs()), m.getReopenCount(),
                    String.join(", ", m.getServices())));
        }
        return b.toString();
    }

    /** Totals and the noise reduction. */
    String summary(DemoOutcome o) {
        StringBuilder b = new StringBuilder("Summary\n");
        Long duplicates = o.duplicates();
        Double reduction = o.noiseReductionPercent();
        summaryLine(b, "alerts in", String.valueOf(o.alertsIn()));
        summaryLine(b, "duplicates", duplicates == null ? "n/a (no alerts.noise reports)" : String.valueOf(duplicates));
        summaryLine(b, "suppressed", String.valueOf(o.suppressed().size()));
        summaryLine(b, "anomalies", String.valueOf(o.anomalies().size()));
        summaryLine(b, "incidents", String.valueOf(o.incidents().size()));
        summaryLine(b, "pages", String.valueOf(o.pages().size()));
        summaryLine(b, "dead letters", String.valueOf(o.deadLetters().size()));
        summaryLine(b, "noise reduction", reduction == null ? "n/a"
                : String.format(Locale.ROOT, "%.1f %% (1 - pages / alerts in)", reduction));
        return b.toString();
    }

    private static void line(StringBuilder b, String label, String value) {
        b.append(String.format("  %-15s %s%n", label, value));
    }

    private static void summaryLine(StringBuilder b, String label, String value) {
        b.append(String.format("  %-16s %s%n", label, value));
    }

    /** Scenario offset of a real instant, e.g. {@code +09:00}. */
    String offset(Instant at) {
        long scenarioSeconds = Math.round(Duration.between(start, at).toMillis() * speed / 1000.0);
        String sign = scenarioSeconds < 0 ? "-" : "+";
        long s = Math.abs(scenarioSeconds);
        return String.format("%s%02d:%02d", sign, s / 60, s % 60);
    }

    /** A real duration in scenario time, e.g. {@code 10m 0s}. */
    String duration(long realMillis) {
        return duration(Duration.ofMillis(realMillis));
    }

    private String duration(Duration real) {
        long s = Math.round(real.toMillis() * speed / 1000.0);
        if (Math.abs(s) < 60) {
            return s + "s";
        }
        return (s / 60) + "m " + Math.abs(s % 60) + "s";
    }
}
