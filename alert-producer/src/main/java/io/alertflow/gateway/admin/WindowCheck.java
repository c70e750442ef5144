package io.alertflow.gateway.admin;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.alertflow.avro.MaintenanceWindow;
import io.alertflow.avro.Matcher;
import io.alertflow.avro.Recurrence;
import io.alertflow.gateway.http.HttpProblem;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;

/**
 * Rejects maintenance windows the stream could not evaluate (unknown matcher operator, invalid RE2
 * regex, unparseable RRULE, unknown time zone, end before start) with a 400 naming the field.
 */
final class WindowCheck {
    private static final Set<String> OPS = Set.of("=", "!=", "=~", "!~");

    private WindowCheck() {
    }

    static void check(MaintenanceWindow window) {
        if (window.getName().isBlank()) {
            throw HttpProblem.badRequest("name", "must not be empty; it is shown on every suppressed alert");
        }
        if (!window.getEndsAt().isAfter(window.getStartsAt())) {
            throw HttpProblem.badRequest("endsAt", "must be after startsAt");
        }
        List<Matcher> matchers = window.getMatchers();
        if (matchers.isEmpty()) {
            throw HttpProblem.badRequest("matchers", "must not be empty: a window without matchers would silence every alert");
        }
        for (int i = 0; i < matchers.size(); i++) {
            checkMatcher(matchers.get(i), "matchers[" + i + "].");
        }
        if (window.getRecurrence() != null) {
            checkRecurrence(window.getRecurrence());
        }
    }

    private static void checkMatcher(Matcher matcher, String path) {
        if (matcher.getLabel().isBlank()) {
            throw HttpProblem.badRequest(path + "label", "must not be empty");
        }
        if (!OPS.contains(matcher.getOp())) {
            throw HttpProblem.badRequest(path + "op", "must be one of =, !=, =~, !~");
        }
        if (matcher.getOp().endsWith("~")) {
            try {
                Pattern.compile(matcher.getValue());
            } catch (PatternSyntaxException e) {
                throw HttpProblem.badRequest(path + "value", "is not a valid RE2 regular expression: " + e.getDescription());
            }
        }
    }

    private static void checkRecurrence(Recurrence recurrence) {
        try {
            new RecurrenceRule(recurrence.getRrule());
        } catch (InvalidRecurrenceRuleException | RuntimeException e) {
            throw HttpProblem.badRequest("recurrence.rrule", "is not a valid RFC 5545 RRULE (e.g. FREQ=DAILY;BYHOUR=1;BYMINUTE=0)");
        }
        if (recurrence.getDurationMs() <= 0) {
            throw HttpProblem.badRequest("recurrence.durationMs", "must be positive");
        }
        try {
            ZoneId.of(recurrence.getTimezone());
        } catch (DateTimeException e) {
            throw HttpProblem.badRequest("recurrence.timezone", "must be an IANA time zone such as Europe/Berlin");
        }
    }
}
