package io.alertflow.maintenance;

import java.util.Arrays;
import java.util.Optional;

/** The four matcher operators of Alertmanager silences. */
public enum MatchOp {
    EQUAL("="),
    NOT_EQUAL("!="),
    REGEX("=~"),
    NOT_REGEX("!~");

    private final String symbol;

    MatchOp(String symbol) {
        this.symbol = symbol;
    }

    /** The operator as written in a window, e.g. {@code =~}. */
    public String symbol() {
        return symbol;
    }

    /** The operator written as {@code symbol}, or empty when it is none of the four. */
    public static Optional<MatchOp> parse(String symbol) {
        return Arrays.stream(values()).filter(op -> op.symbol.equals(symbol)).findFirst();
    }

    boolean isRegex() {
        return this == REGEX || this == NOT_REGEX;
    }

    boolean isNegative() {
        return this == NOT_EQUAL || this == NOT_REGEX;
    }
}
