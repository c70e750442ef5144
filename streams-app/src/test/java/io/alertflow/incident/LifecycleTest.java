package io.alertflow.incident;

import static io.alertflow.avro.ActionKind.ACKNOWLEDGE;
import static io.alertflow.avro.ActionKind.ESCALATE;
import static io.alertflow.avro.ActionKind.MITIGATE;
import static io.alertflow.avro.ActionKind.NOTE;
import static io.alertflow.avro.ActionKind.REOPEN;
import static io.alertflow.avro.ActionKind.RESOLVE;
import static io.alertflow.avro.IncidentState.ACKNOWLEDGED;
import static io.alertflow.avro.IncidentState.MITIGATED;
import static io.alertflow.avro.IncidentState.RESOLVED;
import static io.alertflow.avro.IncidentState.TRIGGERED;
import static io.alertflow.incident.Lifecycle.Effect.CHANGE;
import static io.alertflow.incident.Lifecycle.Effect.INVALID;
import static io.alertflow.incident.Lifecycle.Effect.NO_OP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.alertflow.avro.ActionKind;
import io.alertflow.avro.IncidentState;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every (state, action) pair of the lifecycle, with its effect and target state. */
class LifecycleTest {

    static final List<Arguments> TABLE = List.of(
            Arguments.of(TRIGGERED, ACKNOWLEDGE, CHANGE, ACKNOWLEDGED),
            Arguments.of(TRIGGERED, MITIGATE, CHANGE, MITIGATED),
            Arguments.of(TRIGGERED, RESOLVE, CHANGE, RESOLVED),
            Arguments.of(TRIGGERED, REOPEN, INVALID, TRIGGERED),
            Arguments.of(TRIGGERED, NOTE, CHANGE, TRIGGERED),
            Arguments.of(TRIGGERED, ESCALATE, CHANGE, TRIGGERED),
            Arguments.of(ACKNOWLEDGED, ACKNOWLEDGE, NO_OP, ACKNOWLEDGED),
            Arguments.of(ACKNOWLEDGED, MITIGATE, CHANGE, MITIGATED),
            Arguments.of(ACKNOWLEDGED, RESOLVE, CHANGE, RESOLVED),
            Arguments.of(ACKNOWLEDGED, REOPEN, INVALID, ACKNOWLEDGED),
            Arguments.of(ACKNOWLEDGED, NOTE, CHANGE, ACKNOWLEDGED),
            Arguments.of(ACKNOWLEDGED, ESCALATE, CHANGE, ACKNOWLEDGED),
            Arguments.of(MITIGATED, ACKNOWLEDGE, NO_OP, MITIGATED),
            Arguments.of(MITIGATED, MITIGATE, NO_OP, MITIGATED),
            Arguments.of(MITIGATED, RESOLVE, CHANGE, RESOLVED),
            Arguments.of(MITIGATED, REOPEN, INVALID, MITIGATED),
            Arguments.of(MITIGATED, NOTE, CHANGE, MITIGATED),
            Arguments.of(MITIGATED, ESCALATE, CHANGE, MITIGATED),
            Arguments.of(RESOLVED, ACKNOWLEDGE, INVALID, RESOLVED),
            Arguments.of(RESOLVED, MITIGATE, INVALID, RESOLVED),
            Arguments.of(RESOLVED, RESOLVE, NO_OP, RESOLVED),
            Arguments.of(RESOLVED, REOPEN, CHANGE, TRIGGERED),
            Arguments.of(RESOLVED, NOTE, CHANGE, RESOLVED),
            Arguments.of(RESOLVED, ESCALATE, INVALID, RESOLVED));

    static Stream<Arguments> table() {
        return TABLE.stream();
    }

    @ParameterizedTest(name = "{0} + {1} -> {2} {3}")
    @MethodSource("table")
    void transition(IncidentState from, ActionKind action, Lifecycle.Effect effect, IncidentState to) {
        Lifecycle.Transition t = Lifecycle.apply(from, action);
        assertEquals(effect, t.effect());
        assertEquals(to, t.to());
        if (effect != CHANGE) {
            assertNotNull(t.reason(), "a refused or ignored action says why");
        }
    }

    @Test
    void tableCoversEveryStateAndAction() {
        Set<String> covered = new HashSet<>();
        TABLE.forEach(a -> covered.add(a.get()[0] + "/" + a.get()[1]));
        for (IncidentState s : EnumSet.complementOf(EnumSet.of(IncidentState.UNKNOWN))) {
            for (ActionKind a : EnumSet.complementOf(EnumSet.of(ActionKind.UNKNOWN))) {
                assertEquals(true, covered.contains(s + "/" + a), s + "/" + a + " is missing from the table");
            }
        }
    }

    @Test
    void unknownSymbolsAreInvalidWithAReason() {
        assertEquals(INVALID, Lifecycle.apply(TRIGGERED, ActionKind.UNKNOWN).effect());
        assertEquals(INVALID, Lifecycle.apply(IncidentState.UNKNOWN, ACKNOWLEDGE).effect());
    }
}
