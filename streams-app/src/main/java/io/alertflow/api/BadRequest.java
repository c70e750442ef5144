package io.alertflow.api;

/** A request the API cannot answer as asked: HTTP 400 with the parameter and a sentence. */
public final class BadRequest extends RuntimeException {
    private final String field;

    public BadRequest(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
