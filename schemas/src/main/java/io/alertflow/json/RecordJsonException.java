package io.alertflow.json;

/**
 * JSON that does not fit a record's schema; {@link #field()} is the dotted path of the offending
 * field (e.g. {@code matchers[0].op}), empty for the document itself.
 */
public final class RecordJsonException extends IllegalArgumentException {
    private final String field;
    private final String problem;

    public RecordJsonException(String field, String problem) {
        super(field.isEmpty() ? problem : field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    /** The SPEC path of the field that is wrong, empty when the whole document is. */
    public String field() {
        return field;
    }

    /** What is wrong, without the field path. */
    public String problem() {
        return problem;
    }
}
