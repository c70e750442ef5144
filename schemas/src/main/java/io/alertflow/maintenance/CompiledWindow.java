package io.alertflow.maintenance;

import io.alertflow.alert.Violation;
import io.alertflow.avro.MaintenanceWindow;
import io.alertflow.avro.Matcher;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated maintenance window ready to evaluate: regexes compiled and RRULE parsed once, so checking
 * an alert costs a few string comparisons and one bounded RRULE lookup.
 */
public final class CompiledWindow {
    private final MaintenanceWindow source;
    private final List<LabelMatcher> matchers;
    private final WindowSchedule schedule;

    private CompiledWindow(MaintenanceWindow source, List<LabelMatcher> matchers, WindowSchedule schedule) {
        this.source = source;
        this.matchers = matchers;
        this.schedule = schedule;
    }

    /** Compiles a window, or throws {@link InvalidWindowException} listing what is wrong with it. */
    public static CompiledWindow compile(MaintenanceWindow window) {
        List<Violation> violations = WindowValidator.validate(window);
        if (!violations.isEmpty()) {
            throw new InvalidWindowException(window.getId(), violations);
        }
        List<LabelMatcher> matchers = window.getMatchers().stream()
                .map((Matcher m) -> LabelMatcher.of(m.getLabel(), m.getOp(), m.getValue()))
                .toList();
        return new CompiledWindow(window, matchers, WindowSchedule.of(window));
    }

    /** Whether every matcher accepts the labels (time is not considered). */
    public boolean matches(Map<String, String> labels) {
        for (LabelMatcher m : matchers) {
            if (!m.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /** When the labels match and the window is active at {@code at}: the end of the covering occurrence. */
    public Optional<Instant> suppresses(Map<String, String> labels, Instant at) {
        return matches(labels) ? schedule.activeAt(at) : Optional.empty();
    }

    public String id() {
        return source.getId();
    }

    public String name() {
        return source.getName();
    }

    /** The window as it was read, to tell whether a newer version replaced it. */
    public MaintenanceWindow source() {
        return source;
    }

    public WindowSchedule schedule() {
        return schedule;
    }
}
