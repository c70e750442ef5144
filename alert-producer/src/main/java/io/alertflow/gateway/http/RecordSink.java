package io.alertflow.gateway.http;

import java.util.List;

/**
 * Where accepted records go: returns only once every record is durably acknowledged, else throws a
 * 503 {@link HttpProblem} (or 413 when a record is too large for the broker).
 */
@FunctionalInterface
public interface RecordSink {
    void publish(List<OutgoingRecord> records);
}
