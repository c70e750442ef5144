package io.alertflow.gateway;

import io.alertflow.alert.AlertValidator;
import io.alertflow.alert.ValidationLimits;
import io.alertflow.alert.Violation;
import io.alertflow.avro.RawAlert;
import io.alertflow.gateway.http.HttpProblem;
import java.util.List;

/**
 * Applies the stream's validation rules (SPEC §3.1) at the door, so a sender learns about a bad
 * alert from a 400 instead of finding it in the dead-letter topic later.
 */
public final class AlertAdmission {
    private final AlertValidator validator;

    public AlertAdmission(ValidationLimits limits) {
        this.validator = new AlertValidator(limits);
    }

    /**
     * Throws a 400 naming the first violation; {@code pathPrefix} locates the alert in the request
     * (e.g. {@code [3].} or {@code alerts[3].}), empty for a single alert.
     */
    public void admit(RawAlert alert, String pathPrefix) {
        List<Violation> violations = validator.validate(alert);
        if (!violations.isEmpty()) {
            Violation first = violations.get(0);
            String more = violations.size() > 1 ? " (and " + (violations.size() - 1) + " more problems)" : "";
            throw HttpProblem.badRequest(pathPrefix + first.field(), first.message() + more);
        }
    }
}
