package io.alertflow.explain;

import java.util.regex.Pattern;

/**
 * Rewrites incident timeline details for a blameless postmortem: responders' actions are attributed to their
 * role ("a responder"), and page targets (which may name a person) are reduced to their escalation level.
 * System-generated details (alerts, root cause, priority, changes) are kept as they are.
 */
public final class BlamelessText {
    /** "(target)" after "level N", as the engine writes page targets. */
    private static final Pattern TARGET = Pattern.compile("(level \\d+) \\([^)]*\\)");

    private BlamelessText() {
    }

    /** The detail of a timeline entry of {@code kind}, without names of people. */
    public static String of(String kind, String detail) {
        String d = detail == null ? "" : detail;
        return switch (kind) {
            case "PAGED" -> stripTargets(d);
            case "ESCALATED" -> d.startsWith("not acknowledged within") ? stripTargets(d)
                    : "a responder escalated" + afterFirst(stripTargets(d), ";");
            case "ESCALATION" -> d.startsWith("not acknowledged within") ? d
                    : "a responder asked to escalate" + afterFirst(d, ";");
            case "ACKNOWLEDGED" -> "acknowledged by the on-call responder; escalation stopped";
            case "MITIGATED" -> "mitigated by a responder" + note(d);
            case "RESOLVED" -> d.startsWith("no alert fired") ? d : "resolved by a responder" + note(d);
            case "REOPENED" -> d.startsWith("alert ") ? d : "reopened by a responder" + reopenCount(d);
            case "NOTE" -> "a responder added a note" + note(d);
            default -> d;
        };
    }

    private static String stripTargets(String d) {
        return TARGET.matcher(d).replaceAll("$1");
    }

    /** "; rest" after the first separator, or "". */
    private static String afterFirst(String d, String separator) {
        int i = d.indexOf(separator);
        return i < 0 ? "" : d.substring(i);
    }

    /** The note of "actor verb: note" (engine format), without the actor. */
    private static String note(String d) {
        int i = d.indexOf(": ");
        return i < 0 ? "" : ": " + d.substring(i + 2);
    }

    private static String reopenCount(String d) {
        int i = d.lastIndexOf(" (reopen ");
        return i < 0 ? "" : d.substring(i);
    }
}
