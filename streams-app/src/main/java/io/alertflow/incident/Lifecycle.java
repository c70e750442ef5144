package io.alertflow.incident;

import io.alertflow.avro.ActionKind;
import io.alertflow.avro.IncidentState;

/**
 * The incident state machine of SPEC §3.6 for responder actions: which action is allowed in which
 * state and where it leads. Alert-driven transitions (auto-resolve, reopen by a recurring alert) use
 * the same states but are decided by the engine.
 */
public final class Lifecycle {

    /** What an action does to an incident in a given state. */
    public enum Effect {
        /** The action changes the incident; the target state is in {@link Transition#to()}. */
        CHANGE,
        /** The action is allowed but changes nothing (e.g. a second acknowledgement). */
        NO_OP,
        /** The action is not allowed in this state; the reason says why. */
        INVALID
    }

    /** The outcome of applying an action to a state. */
    public record Transition(Effect effect, IncidentState to, String reason) {
        static Transition change(IncidentState to) {
            return new Transition(Effect.CHANGE, to, null);
        }

        static Transition noOp(IncidentState state, String reason) {
            return new Transition(Effect.NO_OP, state, reason);
        }

        static Transition invalid(IncidentState state, String reason) {
            return new Transition(Effect.INVALID, state, reason);
        }
    }

    private Lifecycle() {
    }

    /** Applies a responder action to an incident state. */
    public static Transition apply(IncidentState state, ActionKind action) {
        if (state == null || state == IncidentState.UNKNOWN) {
            return Transition.invalid(state, "the incident is in an unknown state");
        }
        return switch (action) {
            case ACKNOWLEDGE -> acknowledge(state);
            case MITIGATE -> mitigate(state);
            case RESOLVE -> state == IncidentState.RESOLVED
                    ? Transition.noOp(state, "the incident is already resolved")
                    : Transition.change(IncidentState.RESOLVED);
            case REOPEN -> state == IncidentState.RESOLVED
                    ? Transition.change(IncidentState.TRIGGERED)
                    : Transition.invalid(state, "only a RESOLVED incident can be reopened; it is " + state);
            case NOTE -> Transition.change(state);
            case ESCALATE -> state == IncidentState.RESOLVED
                    ? Transition.invalid(state, "a RESOLVED incident cannot be escalated; reopen it first")
                    : Transition.change(state);
            default -> Transition.invalid(state, "unknown action " + action
                    + "; expected ACKNOWLEDGE, MITIGATE, RESOLVE, REOPEN, NOTE or ESCALATE");
        };
    }

    private static Transition acknowledge(IncidentState state) {
        return switch (state) {
            case TRIGGERED -> Transition.change(IncidentState.ACKNOWLEDGED);
            case ACKNOWLEDGED, MITIGATED -> Transition.noOp(state, "the incident is already " + state);
            default -> Transition.invalid(state, "a RESOLVED incident cannot be acknowledged; reopen it first");
        };
    }

    private static Transition mitigate(IncidentState state) {
        return switch (state) {
            case TRIGGERED, ACKNOWLEDGED -> Transition.change(IncidentState.MITIGATED);
            case MITIGATED -> Transition.noOp(state, "the incident is already MITIGATED");
            default -> Transition.invalid(state, "a RESOLVED incident cannot be mitigated; reopen it first");
        };
    }
}
