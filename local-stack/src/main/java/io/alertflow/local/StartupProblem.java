package io.alertflow.local;

/**
 * Something in the environment that stops Alertflow from starting and that the user can fix (a port in use,
 * an unreachable broker or gateway); the launcher prints its message without a stack trace.
 */
public final class StartupProblem extends RuntimeException {
    public StartupProblem(String message) {
        super(message);
    }
}
