package io.alertflow.anomaly;

import io.alertflow.avro.Anomaly;
import io.alertflow.avro.DeadLetter;

/** What the metric detector emits for one input: an anomaly (keyed by service) or a dead letter (keyed by series). */
record MetricOutcome(Anomaly anomaly, DeadLetter deadLetter) {

    static MetricOutcome anomaly(Anomaly anomaly) {
        return new MetricOutcome(anomaly, null);
    }

    static MetricOutcome deadLetter(DeadLetter deadLetter) {
        return new MetricOutcome(null, deadLetter);
    }
}
