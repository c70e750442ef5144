package io.alertflow.maintenance;

import io.alertflow.alert.Violation;
import java.util.List;
import java.util.stream.Collectors;

/** A maintenance window that cannot be used; the message lists every violation. */
public final class InvalidWindowException extends IllegalArgumentException {
    private final transient List<Violation> violations;

    public InvalidWindowException(String windowId, List<Violation> violations) {
        super("maintenance window " + windowId + " is invalid and will never match: "
                + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
