package io.alertflow.maintenance;

import io.alertflow.avro.MaintenanceWindow;
import io.alertflow.avro.Recurrence;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.TimeZone;
import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

/**
 * When a maintenance window is active: a one-off window from {@code startsAt} to {@code endsAt}, or the
 * occurrences of an RFC 5545 RRULE expanded (lib-recur) in the window's IANA zone with DTSTART =
 * {@code startsAt}, each lasting {@code durationMs}; no occurrence starts before {@code startsAt} or after
 * {@code endsAt}.
 *
 * <p>Only the RRULE's own instances are occurrences: unlike a calendar event, {@code startsAt} is not an
 * occurrence by itself unless the rule produces it, so creating "daily at 01:00" at 15:00 does not open a
 * surprise window at 15:00.
 */
public final class WindowSchedule {
    /** Guards evaluation against rules that produce instances far more often than their duration. */
    private static final int MAX_INSTANCES_PER_LOOKUP = 10_000;

    private final long startsAt;
    private final long endsAt;
    private final RecurrenceRule rule;
    private final TimeZone zone;
    private final long durationMs;

    private WindowSchedule(long startsAt, long endsAt, RecurrenceRule rule, TimeZone zone, long durationMs) {
        this.startsAt = startsAt;
        this.endsAt = endsAt;
        this.rule = rule;
        this.zone = zone;
        this.durationMs = durationMs;
    }

    /** The schedule of a window; an unusable one is an {@link IllegalArgumentException} saying why. */
    public static WindowSchedule of(MaintenanceWindow window) {
        long start = window.getStartsAt().toEpochMilli();
        long end = window.getEndsAt().toEpochMilli();
        if (end <= start) {
            throw new IllegalArgumentException("endsAt " + window.getEndsAt() + " is not after startsAt " + window.getStartsAt());
        }
        Recurrence recurrence = window.getRecurrence();
        if (recurrence == null) {
            return new WindowSchedule(start, end, null, null, end - start);
        }
        if (recurrence.getDurationMs() <= 0) {
            throw new IllegalArgumentException("recurrence.durationMs is " + recurrence.getDurationMs() + "; it must be positive");
        }
        return new WindowSchedule(start, end, parseRule(recurrence.getRrule()), parseZone(recurrence.getTimezone()),
                recurrence.getDurationMs());
    }

    /** Parses an RRULE strictly, so a typo is reported instead of silently meaning something else. */
    static RecurrenceRule parseRule(String rrule) {
        String text = rrule == null ? "" : rrule.trim();
        if (text.regionMatches(true, 0, "RRULE:", 0, 6)) {
            text = text.substring(6);
        }
        try {
            return new RecurrenceRule(text, RecurrenceRule.RfcMode.RFC5545_STRICT);
        } catch (InvalidRecurrenceRuleException | RuntimeException e) {
            throw new IllegalArgumentException("recurrence.rrule '" + rrule + "' is not a valid RFC 5545 RRULE ("
                    + e.getMessage() + "); e.g. FREQ=DAILY;BYHOUR=1;BYMINUTE=0", e);
        }
    }

    /** Resolves an IANA zone; {@link TimeZone#getTimeZone(String)} alone would silently fall back to GMT. */
    static TimeZone parseZone(String timezone) {
        try {
            return TimeZone.getTimeZone(ZoneId.of(timezone == null ? "" : timezone.trim()));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("recurrence.timezone '" + timezone
                    + "' is not an IANA time zone; e.g. Europe/Berlin or UTC", e);
        }
    }

    /** The end of the occurrence covering {@code at}, or empty when the window is not active then. */
    public Optional<Instant> activeAt(Instant at) {
        long t = at.toEpochMilli();
        if (rule == null) {
            return startsAt <= t && t < endsAt ? Optional.of(Instant.ofEpochMilli(endsAt)) : Optional.empty();
        }
        long latestEnd = Long.MIN_VALUE;
        RecurrenceRuleIterator it = instancesFrom(t - durationMs);
        for (int i = 0; i < MAX_INSTANCES_PER_LOOKUP && it.hasNext(); i++) {
            long start = it.nextMillis();
            if (start > t || start > endsAt) {
                break;
            }
            // Overlapping occurrences (duration longer than the interval) extend the window to the latest end.
            if (start >= startsAt && start + durationMs > t) {
                latestEnd = Math.max(latestEnd, start + durationMs);
            }
        }
        return latestEnd == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(latestEnd));
    }

    /** The end of the first occurrence that ends after {@code at} (active now or later), or empty when none does. */
    public Optional<Instant> nextEnd(Instant at) {
        long t = at.toEpochMilli();
        if (rule == null) {
            return t < endsAt ? Optional.of(Instant.ofEpochMilli(endsAt)) : Optional.empty();
        }
        RecurrenceRuleIterator it = instancesFrom(t - durationMs);
        for (int i = 0; i < MAX_INSTANCES_PER_LOOKUP && it.hasNext(); i++) {
            long start = it.nextMillis();
            if (start > endsAt) {
                break;
            }
            if (start >= startsAt && start + durationMs > t) {
                return Optional.of(Instant.ofEpochMilli(start + durationMs));
            }
        }
        return Optional.empty();
    }

    /** Whether the window repeats. */
    public boolean recurring() {
        return rule != null;
    }

    private RecurrenceRuleIterator instancesFrom(long from) {
        RecurrenceRuleIterator it = rule.iterator(new DateTime(zone, startsAt));
        if (from > startsAt) {
            it.fastForward(from);
        }
        return it;
    }
}
