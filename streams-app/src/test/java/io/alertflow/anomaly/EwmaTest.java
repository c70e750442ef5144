package io.alertflow.anomaly;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class EwmaTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("nothing seen is zero", 0.1, new double[] {}, 0.0),
                arguments("first observation is taken as is", 0.1, new double[] {7}, 7.0),
                arguments("warm-up is the plain mean, not dominated by the first value", 0.1,
                        new double[] {10, 0, 2, 4}, 4.0),
                arguments("after 1/alpha observations it smooths exponentially", 0.5,
                        new double[] {4, 4, 8}, 6.0),
                arguments("alpha 1 follows the last value", 1.0, new double[] {3, 9, 5}, 5.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void averagesObservations(String name, double alpha, double[] observations, double expected) {
        Ewma e = Ewma.empty();
        for (double o : observations) {
            e = e.update(o, alpha);
        }
        assertEquals(expected, e.value(), 1e-9);
        assertEquals(observations.length, e.count());
    }

    @Test
    void isWarmOnlyAfterTheWarmupCount() {
        Ewma e = Ewma.empty().update(1, 0.1).update(1, 0.1);
        assertFalse(e.isWarm(3));
        assertTrue(e.update(1, 0.1).isWarm(3));
    }

    @Test
    void halfLifeAlphaHalvesTheWeightAfterThatManySteps() {
        double alpha = Ewma.alphaForHalfLife(30);
        assertEquals(0.5, Math.pow(1 - alpha, 30), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Ewma.alphaForHalfLife(0));
    }
}
