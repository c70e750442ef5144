package io.alertflow.simulator;

import io.alertflow.avro.ActionKind;
import io.alertflow.avro.ChangeKind;
import io.alertflow.avro.Service;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What a scenario step does through the gateway; each kind maps to one gateway endpoint. */
public sealed interface StepAction {

    /** PUT /api/services/{name}. */
    record PutService(Service service) implements StepAction {
    }

    /**
     * PUT /api/maintenance-windows/{id}: a window from scenario offset {@code from} to {@code until}
     * (relative to the scenario start); {@code recurring} makes it a daily window whose first
     * occurrence is that span (see ScenarioClock for how compressed time maps to the RRULE).
     */
    record PutWindow(String id, String name, List<Matcher> matchers, Duration from, Duration until, boolean recurring,
                     String comment) implements StepAction {
    }

    /** One window matcher: label, op (=, !=, =~, !~), value. */
    record Matcher(String label, String op, String value) {
    }

    /** POST /api/changes, the change taking effect at the step's time. */
    record RecordChange(String id, String service, ChangeKind kind, String version, String author, String description)
            implements StepAction {
    }

    /** POST /api/v2/alerts with the alerts firing (Prometheus' endsAt = now + 4 resend intervals). They stay active and are re-sent. */
    record Fire(List<AlertSpec> alerts) implements StepAction {
    }

    /** POST /api/v2/alerts with the alerts resolved (endsAt = now); they stop being re-sent. */
    record Resolve(List<AlertSpec> alerts) implements StepAction {
    }

    /** POST /v2/enqueue, PagerDuty acknowledge with dedup_key = the alert's fingerprint (acknowledges the incident holding it). */
    record Acknowledge(AlertSpec alert, String client) implements StepAction {
    }

    /** POST /api/alerts/{fingerprint}/actions: MITIGATE, RESOLVE, NOTE, ... on the incident holding the alert. */
    record Act(AlertSpec alert, ActionKind action, String actor, String note) implements StepAction {
    }

    /** POST /api/metrics/samples, each sample taken at the step's time. */
    record Samples(List<Sample> samples) implements StepAction {
    }

    /** One metric sample. */
    record Sample(String series, String name, String service, Map<String, String> labels, double value) {
    }
}
