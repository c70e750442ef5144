package io.alertflow.api;

/** An unknown incident or alert: HTTP 404 with the reason. */
public final class NotFound extends RuntimeException {
    public NotFound(String message) {
        super(message, null, false, false);
    }
}
