package io.alertflow.explain;

import io.alertflow.avro.IncidentRecord;

/** The sample incident of {@link PostmortemTest}, for tests in other packages. */
public final class PostmortemTestAccess {
    private PostmortemTestAccess() {
    }

    public static IncidentRecord incident() {
        return PostmortemTest.incident();
    }
}
