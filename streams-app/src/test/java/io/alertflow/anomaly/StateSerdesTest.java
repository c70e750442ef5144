package io.alertflow.anomaly;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.alertflow.anomaly.Scenarios.MINUTE;
import static io.alertflow.anomaly.Scenarios.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class StateSerdesTest {

    static Stream<Arguments> surgeStates() {
        return Stream.of(
                arguments("fresh service", SurgeState.start(T0 - MINUTE, T0)),
                arguments("raised surge", new SurgeState(new Ewma(2.25, 130), true, T0, 44, T0 + 3 * MINUTE, T0 + 200_000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("surgeStates")
    void surgeStateRoundTrips(String name, SurgeState state) {
        Serde<SurgeState> serde = StateSerdes.surgeState();
        assertEquals(state, serde.deserializer().deserialize("t", serde.serializer().serialize("t", state)));
    }

    static Stream<Arguments> seriesStates() {
        SeriesState empty = new SeriesState("checkout", "p99");
        SeriesState running = new SeriesState("checkout", "p99 ✓");
        RateOfChangeDetector d = RateOfChangeDetector.from(AnomalySettings.defaults());
        Scenarios.risingLatency(3, 40 * MINUTE).forEach(p -> d.add(running, p.at(), p.value()));
        return Stream.of(arguments("no samples yet", empty), arguments("raised with a buffer", running));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seriesStates")
    void seriesStateRoundTrips(String name, SeriesState state) {
        Serde<SeriesState> serde = StateSerdes.seriesState();
        SeriesState back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", state));
        assertEquals(state.service(), back.service());
        assertEquals(state.name(), back.name());
        assertEquals(state.points(), back.points());
        assertEquals(state.lastEvaluatedTick(), back.lastEvaluatedTick());
        assertEquals(state.newestAt(), back.newestAt());
        assertEquals(state.raised(), back.raised());
        assertEquals(state.above(), back.above());
        assertEquals(state.calm(), back.calm());
    }

    @Test
    void nullIsATombstoneBothWays() {
        assertNull(StateSerdes.seriesState().serializer().serialize("t", null));
        assertNull(StateSerdes.surgeState().deserializer().deserialize("t", null));
    }

    @Test
    void unknownFormatVersionIsAClearError() {
        SerializationException e = assertThrows(SerializationException.class,
                () -> StateSerdes.surgeState().deserializer().deserialize("t", new byte[] {9, 0, 0}));
        assertEquals("unknown anomaly detector state format 9", e.getMessage());
    }
}
