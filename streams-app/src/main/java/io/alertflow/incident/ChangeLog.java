package io.alertflow.incident;

import io.alertflow.avro.ChangeEvent;
import java.time.Instant;
import java.util.List;

/** Recent changes per service, the source of suspect changes; bounded by the engine's cleanup. */
public interface ChangeLog {
    void add(ChangeEvent change);

    /** Changes of the service with {@code from <= at <= to}, in any order. */
    List<ChangeEvent> between(String service, Instant from, Instant to);

    /** Drops changes older than the given time. */
    void expireBefore(Instant cutoff);
}
