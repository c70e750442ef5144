package io.alertflow.alert;

import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The validation rules of SPEC §3.1 for a {@link RawAlert}: the gateway answers 400 with the first
 * violation, the stream sends the record to the DLQ with all of them.
 */
public final class AlertValidator {
    private final ValidationLimits limits;

    public AlertValidator(ValidationLimits limits) {
        this.limits = limits;
    }

    /** Returns every violation of the alert, empty when it is valid. */
    public List<Violation> validate(RawAlert alert) {
        List<Violation> violations = new ArrayList<>();
        checkEnums(alert, violations);
        checkLabels(alert.getLabels(), violations);
        checkAnnotations(alert.getAnnotations(), violations);
        checkTimes(alert, violations);
        if (alert.getSource() == null || alert.getSource().isBlank()) {
            violations.add(new Violation("source", "source is empty; say which system sent the alert (e.g. prometheus)"));
        }
        return violations;
    }

    private static void checkEnums(RawAlert alert, List<Violation> violations) {
        if (alert.getStatus() == null || alert.getStatus() == AlertStatus.UNKNOWN) {
            violations.add(new Violation("status", "status must be FIRING or RESOLVED (an unknown symbol usually means a newer producer schema)"));
        }
        if (alert.getSeverity() == null || alert.getSeverity() == Severity.UNKNOWN) {
            violations.add(new Violation("severity", "severity must be CRITICAL, ERROR, WARNING or INFO (an unknown symbol usually means a newer producer schema)"));
        }
    }

    private void checkLabels(Map<String, String> labels, List<Violation> violations) {
        String alertname = labels == null ? null : labels.get("alertname");
        if (alertname == null || alertname.isBlank()) {
            violations.add(new Violation("labels.alertname", "label alertname is missing or empty; every alert needs the name of its rule"));
        }
        if (labels == null) {
            return;
        }
        checkMap("labels", labels, limits.maxLabelValueLength(), violations);
    }

    private void checkAnnotations(Map<String, String> annotations, List<Violation> violations) {
        if (annotations != null) {
            checkMap("annotations", annotations, limits.maxAnnotationValueLength(), violations);
        }
    }

    private void checkMap(String field, Map<String, String> entries, int maxValueLength, List<Violation> violations) {
        if (entries.size() > limits.maxLabels()) {
            violations.add(new Violation(field, field + " has " + entries.size() + " entries; the limit is " + limits.maxLabels()));
            return;
        }
        // forEach rather than entrySet: a map walks itself without an entry object per pair (what-if's frozen maps
        // hold none), and this runs for every alert.
        entries.forEach((name, value) -> checkEntry(field, name, value, maxValueLength, violations));
    }

    private void checkEntry(String field, String name, String value, int maxValueLength, List<Violation> violations) {
        if (name == null || name.isEmpty()) {
            violations.add(new Violation(field, field + " contains an empty name"));
        } else if (name.length() > limits.maxNameLength()) {
            violations.add(new Violation(field, field + " has a name of " + name.length() + " characters; the limit is " + limits.maxNameLength()));
        }
        if (value != null && value.length() > maxValueLength) {
            violations.add(new Violation(field + "." + abbreviate(name), "value of " + abbreviate(name) + " has " + value.length()
                    + " characters; the limit is " + maxValueLength));
        }
    }

    private void checkTimes(RawAlert alert, List<Violation> violations) {
        Instant startsAt = alert.getStartsAt();
        Instant receivedAt = alert.getReceivedAt();
        if (startsAt == null || receivedAt == null) {
            violations.add(new Violation(startsAt == null ? "startsAt" : "receivedAt", "timestamp is missing"));
            return;
        }
        if (startsAt.isAfter(receivedAt.plus(limits.maxClockSkew()))) {
            violations.add(new Violation("startsAt", "startsAt " + startsAt + " is more than " + limits.maxClockSkew()
                    + " after it was received (" + receivedAt + "); check the sender's clock"));
        }
        if (startsAt.isBefore(receivedAt.minus(limits.maxAge()))) {
            violations.add(new Violation("startsAt", "startsAt " + startsAt + " is more than " + limits.maxAge()
                    + " before it was received (" + receivedAt + "); check the sender's clock"));
        }
        Instant endsAt = alert.getEndsAt();
        if (endsAt != null && endsAt.isBefore(startsAt)) {
            violations.add(new Violation("endsAt", "endsAt " + endsAt + " is before startsAt " + startsAt));
        }
    }

    /** Keeps error messages short when a label name is itself oversized. */
    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }
}
