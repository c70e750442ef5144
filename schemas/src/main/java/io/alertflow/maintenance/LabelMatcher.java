package io.alertflow.maintenance;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Map;

/**
 * One label matcher with exactly Alertmanager's silence semantics: regexes are RE2, fully anchored
 * ({@code ^(?:re)$}), and a label the alert does not carry compares as the empty string.
 */
public final class LabelMatcher {
    private final String label;
    private final MatchOp op;
    private final String value;
    private final Pattern pattern;

    private LabelMatcher(String label, MatchOp op, String value, Pattern pattern) {
        this.label = label;
        this.op = op;
        this.value = value;
        this.pattern = pattern;
    }

    /**
     * Builds a matcher; an unknown operator or a regex RE2 rejects is an {@link IllegalArgumentException}
     * whose message a person can act on.
     */
    public static LabelMatcher of(String label, String op, String value) {
        MatchOp matchOp = MatchOp.parse(op).orElseThrow(() -> new IllegalArgumentException(
                "matcher on " + label + " has operator '" + op + "'; use one of =, !=, =~, !~"));
        String v = value == null ? "" : value;
        Pattern pattern = null;
        if (matchOp.isRegex()) {
            try {
                // Anchoring like Prometheus' labels.NewMatcher: a regex must match the whole value.
                pattern = Pattern.compile("^(?:" + v + ")$");
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("matcher on " + label + " has an invalid regular expression '" + v
                        + "': " + e.getDescription(), e);
            }
        }
        return new LabelMatcher(label, matchOp, v, pattern);
    }

    /** Whether the alert's labels satisfy this matcher. */
    public boolean matches(Map<String, String> labels) {
        String actual = labels == null ? null : labels.get(label);
        return matchesValue(actual == null ? "" : actual);
    }

    /** Whether a label value satisfies this matcher (the missing label is the empty string). */
    public boolean matchesValue(String actual) {
        return switch (op) {
            case EQUAL -> actual.equals(value);
            case NOT_EQUAL -> !actual.equals(value);
            case REGEX -> pattern.matches(actual);
            case NOT_REGEX -> !pattern.matches(actual);
        };
    }

    public String label() {
        return label;
    }

    public MatchOp op() {
        return op;
    }

    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return label + op.symbol() + "\"" + value + "\"";
    }
}
