package io.alertflow.validation;

import io.alertflow.avro.DeadLetter;
import io.alertflow.avro.RawAlert;

/** The outcome of validating one raw record: an accepted alert or a dead letter. */
public sealed interface Validated {

    /**
     * A valid alert with its fingerprint set.
     *
     * @param keyedByFingerprint whether the record's key was already the fingerprint, i.e. it sits on the partition
     *     deduplication expects; otherwise it must be repartitioned
     */
    record Accepted(RawAlert alert, boolean keyedByFingerprint) implements Validated {
    }

    /** A record that cannot enter the pipeline. */
    record Rejected(DeadLetter letter) implements Validated {
    }
}
