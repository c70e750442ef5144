package io.alertflow.gateway.http;

import java.time.Duration;

/**
 * A request the gateway refuses, with the HTTP status, a sentence for the sender and the offending
 * field (SPEC name or JSON path, may be null); expected, so never logged with a stack trace.
 */
public final class HttpProblem extends RuntimeException {
    private final int status;
    private final String field;
    private final Duration retryAfter;

    public HttpProblem(int status, String message, String field) {
        this(status, message, field, null);
    }

    public HttpProblem(int status, String message, String field, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
        this.retryAfter = retryAfter;
    }

    /** 400 for malformed input. */
    public static HttpProblem badRequest(String field, String message) {
        return new HttpProblem(400, message, field);
    }

    public int status() {
        return status;
    }

    /** The offending field, or null when the problem is not about one field. */
    public String field() {
        return field;
    }

    /** How long the client should wait before retrying (503), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
