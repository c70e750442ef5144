package io.alertflow.validation;

import io.alertflow.avro.DeadLetter;
import io.alertflow.avro.RawAlert;

/** The outcome of validating one raw record: an accepted alert or a dead letter. */
public sealed interface Validated {

    /**
     * A valid alert with its fingerprint set. Whether it must be repartitioned by that fingerprint is said by the
     * child of the validation processor it is forwarded to (see {@link Validation}).
     */
    record Accepted(RawAlert alert) implements Validated {
    }

    /** A record that cannot enter the pipeline. */
    record Rejected(DeadLetter letter) implements Validated {
    }
}
