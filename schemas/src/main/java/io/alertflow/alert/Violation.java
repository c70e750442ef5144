package io.alertflow.alert;

/**
 * One reason a record is invalid: the offending field (SPEC name, dotted for nested fields) and a
 * sentence a person can act on.
 */
public record Violation(String field, String message) {
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
