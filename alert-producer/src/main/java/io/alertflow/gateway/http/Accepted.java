package io.alertflow.gateway.http;

import java.util.List;

/**
 * What an endpoint decided for a valid request: the records to write and the answer to give once
 * Kafka has acknowledged all of them.
 *
 * @param records records to write, in order
 * @param status HTTP status of the answer (2xx)
 * @param body JSON answer, or null for an empty body
 */
public record Accepted(List<OutgoingRecord> records, int status, String body) {
    public Accepted {
        records = List.copyOf(records);
    }
}
