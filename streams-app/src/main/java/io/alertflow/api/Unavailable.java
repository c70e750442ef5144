package io.alertflow.api;

/** A query that cannot be answered right now (store rebalancing, owner unreachable): HTTP 503 with Retry-After. */
public final class Unavailable extends RuntimeException {
    public Unavailable(String message) {
        super(message, null, false, false);
    }
}
