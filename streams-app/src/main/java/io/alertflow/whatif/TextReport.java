package io.alertflow.whatif;

import io.alertflow.json.RecordJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The report a person reads: totals (side by side with {@code --compare}), incidents, and what changed. */
public final class TextReport {
    private TextReport() {
    }

    /** Renders run {@code a} (named {@code nameA}) and, when {@code b} is not null, run {@code b} and the differences. */
    public static String render(Recording recording, String nameA, RunResult a, String nameB, RunResult b) {
        StringBuilder out = new StringBuilder();
        out.append("Recording: ").append(recording.lines().size()).append(" records ").append(recording.countsByTopic());
        if (!recording.isEmpty()) {
            out.append(", ").append(time(Instant.ofEpochMilli(recording.firstTimestamp()))).append(" .. ")
                    .append(time(Instant.ofEpochMilli(recording.lastTimestamp())));
        }
        out.append("\n\n");
        totals(out, nameA, a, nameB, b);
        settings(out, "A", nameA, a);
        if (b != null) {
            settings(out, "B", nameB, b);
        }
        incidents(out, b == null ? "Incidents" : "Incidents (A)", a);
        if (b != null) {
            incidents(out, "Incidents (B)", b);
            changes(out, Comparison.compare(a.incidents(), b.incidents()));
        }
        return out.toString();
    }

    private static void totals(StringBuilder out, String nameA, RunResult a, String nameB, RunResult b) {
        List<String[]> rows = new ArrayList<>();
        rows.add(b == null ? new String[] {"", "A: " + nameA} : new String[] {"", "A: " + nameA, "B: " + nameB, "B - A"});
        row(rows, "alerts in", a, b, t -> t.alertsIn());
        row(rows, "duplicates", a, b, t -> t.duplicates());
        row(rows, "suppressed", a, b, t -> t.suppressed());
        row(rows, "anomalies", a, b, t -> t.anomalies());
        row(rows, "dead letters", a, b, t -> t.deadLetters());
        row(rows, "incidents", a, b, t -> t.incidents());
        row(rows, "pages", a, b, t -> t.pages());
        for (String kind : RunOutputs.PAGE_KINDS) {
            row(rows, "  " + kind, a, b, t -> t.pagesByKind().get(kind));
        }
        row(rows, "escalations", a, b, t -> t.escalations());
        text(rows, "noise reduction", a, b, t -> t.noiseReductionPercent() == null ? "-" : t.noiseReductionPercent() + " %");
        text(rows, "MTTA", a, b, t -> duration(t.mttaMs()));
        text(rows, "MTTR", a, b, t -> duration(t.mttrMs()));
        text(rows, "mean TTD", a, b, t -> duration(t.meanTtdMs()));
        int[] widths = new int[rows.get(0).length];
        rows.forEach(r -> {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        });
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(i == 0 ? pad(r[i], widths[i]) : "  " + padLeft(r[i], widths[i]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        out.append('\n');
    }

    private static void row(List<String[]> rows, String name, RunResult a, RunResult b, Function<Totals, Long> value) {
        long va = value.apply(a.totals());
        if (b == null) {
            rows.add(new String[] {name, Long.toString(va)});
            return;
        }
        long vb = value.apply(b.totals());
        rows.add(new String[] {name, Long.toString(va), Long.toString(vb), vb == va ? "" : String.format("%+d", vb - va)});
    }

    private static void text(List<String[]> rows, String name, RunResult a, RunResult b, Function<Totals, String> value) {
        rows.add(b == null ? new String[] {name, value.apply(a.totals())}
                : new String[] {name, value.apply(a.totals()), value.apply(b.totals()), ""});
    }

    private static void settings(StringBuilder out, String label, String name, RunResult r) {
        out.append("Settings ").append(label).append(" (").append(name).append("): ")
                .append(r.settings().isEmpty() ? "defaults" : r.settings().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")))
                .append('\n');
    }

    private static void incidents(StringBuilder out, String title, RunResult r) {
        out.append('\n').append(title).append(": ").append(r.incidents().size()).append('\n');
        for (IncidentReport i : r.incidents()) {
            out.append("  ").append(i.id()).append("  ").append(i.priority()).append(' ').append(i.state())
                    .append("  root ").append(i.rootCauseService() == null ? "-" : i.rootCauseService())
                    .append("  ").append(i.members().size()).append(i.members().size() == 1 ? " alert" : " alerts")
                    .append("  services ").append(i.services())
                    .append("\n      detected ").append(time(i.detectedAt()))
                    .append("  TTD ").append(duration(i.ttdMs())).append("  TTA ").append(duration(i.ttaMs()))
                    .append("  TTR ").append(duration(i.ttrMs()))
                    .append("  pages ").append(i.pages().isEmpty() ? "none" : i.pages().stream()
                            .map(p -> p.kind() + "@" + p.level()).collect(Collectors.joining(" ")))
                    .append('\n');
        }
    }

    private static void changes(StringBuilder out, List<Comparison.Change> changes) {
        Map<Comparison.Kind, Long> counts = Comparison.countByKind(changes);
        out.append("\nB vs A: ").append(counts.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase()).collect(Collectors.joining(", "))).append('\n');
        for (Comparison.Change c : changes) {
            if (c.kind() == Comparison.Kind.SAME) {
                continue;
            }
            out.append("  ").append(pad(c.kind().name(), 11)).append(' ')
                    .append(c.a().isEmpty() ? "-" : String.join(", ", c.a())).append("  ->  ")
                    .append(c.b().isEmpty() ? "-" : String.join(", ", c.b()));
            if (!c.detail().isEmpty()) {
                out.append("  (").append(String.join("; ", c.detail())).append(')');
            }
            out.append('\n');
        }
    }

    /** A duration in milliseconds as a person reads it: {@code 45s}, {@code 7m00s}, {@code 2h05m}; "-" for none. */
    static String duration(Long ms) {
        if (ms == null) {
            return "-";
        }
        long s = Math.abs(ms) / 1000;
        String sign = ms < 0 ? "-" : "";
        if (s < 60) {
            return sign + s + "s";
        }
        if (s < 3600) {
            return sign + String.format("%dm%02ds", s / 60, s % 60);
        }
        return sign + String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
    }

    private static String time(Instant t) {
        return t == null ? "-" : RecordJson.formatInstant(t);
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(Math.max(0, w - s.length()));
    }

    private static String padLeft(String s, int w) {
        return " ".repeat(Math.max(0, w - s.length())) + s;
    }
}
