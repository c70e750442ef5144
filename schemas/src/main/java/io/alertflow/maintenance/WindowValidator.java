package io.alertflow.maintenance;

import io.alertflow.alert.Violation;
import io.alertflow.avro.MaintenanceWindow;
import io.alertflow.avro.Matcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a maintenance window before it may suppress anything: matchers, time bounds, RRULE, zone and
 * duration. The gateway answers 400 with these; the stream sends the window to the DLQ with all of them.
 */
public final class WindowValidator {
    private WindowValidator() {
    }

    /** Every violation of the window, empty when it is usable. */
    public static List<Violation> validate(MaintenanceWindow window) {
        List<Violation> violations = new ArrayList<>();
        if (window.getId() == null || window.getId().isBlank()) {
            violations.add(new Violation("id", "id is empty; every window needs an id (it is also the record key)"));
        }
        checkMatchers(window.getMatchers(), violations);
        checkSchedule(window, violations);
        return violations;
    }

    private static void checkMatchers(List<Matcher> matchers, List<Violation> violations) {
        boolean selective = false;
        int before = violations.size();
        for (int i = 0; matchers != null && i < matchers.size(); i++) {
            Matcher m = matchers.get(i);
            if (m.getLabel() == null || m.getLabel().isBlank()) {
                violations.add(new Violation("matchers[" + i + "].label", "matcher " + i + " has no label name"));
                continue;
            }
            try {
                LabelMatcher matcher = LabelMatcher.of(m.getLabel(), m.getOp(), m.getValue());
                selective |= !matcher.matchesValue("");
            } catch (IllegalArgumentException e) {
                violations.add(new Violation("matchers[" + i + "]", e.getMessage()));
            }
        }
        if (!selective && violations.size() == before) {
            // Alertmanager's own rule for silences: a window matching the empty label set would mute everything.
            violations.add(new Violation("matchers", "at least one matcher must not match the empty string; "
                    + "otherwise the window would suppress every alert"));
        }
    }

    private static void checkSchedule(MaintenanceWindow window, List<Violation> violations) {
        if (window.getStartsAt() == null || window.getEndsAt() == null) {
            violations.add(new Violation(window.getStartsAt() == null ? "startsAt" : "endsAt", "timestamp is missing"));
            return;
        }
        if (!window.getEndsAt().isAfter(window.getStartsAt())) {
            violations.add(new Violation("endsAt", "endsAt " + window.getEndsAt() + " is not after startsAt " + window.getStartsAt()));
        }
        if (window.getRecurrence() == null) {
            return;
        }
        if (window.getRecurrence().getDurationMs() <= 0) {
            violations.add(new Violation("recurrence.durationMs", "recurrence.durationMs is "
                    + window.getRecurrence().getDurationMs() + "; it must be positive"));
        }
        try {
            WindowSchedule.parseRule(window.getRecurrence().getRrule());
        } catch (IllegalArgumentException e) {
            violations.add(new Violation("recurrence.rrule", e.getMessage()));
        }
        try {
            WindowSchedule.parseZone(window.getRecurrence().getTimezone());
        } catch (IllegalArgumentException e) {
            violations.add(new Violation("recurrence.timezone", e.getMessage()));
        }
    }
}
