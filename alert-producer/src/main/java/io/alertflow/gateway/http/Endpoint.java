package io.alertflow.gateway.http;

/**
 * Turns one request into the records to write and the answer, or throws {@link HttpProblem}; it
 * never talks to Kafka itself, so the whole request is validated before anything is written.
 */
@FunctionalInterface
public interface Endpoint {
    Accepted handle(IncomingRequest request);
}
