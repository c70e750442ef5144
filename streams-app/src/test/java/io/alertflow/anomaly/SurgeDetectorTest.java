package io.alertflow.anomaly;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static io.alertflow.anomaly.Scenarios.MINUTE;
import static io.alertflow.anomaly.Scenarios.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SurgeDetectorTest {
    /** ratio 5, min-count 10, clear-ratio 2, alpha 0.5 (fast, to keep tables short), warm-up 3 minutes. */
    private static final SurgeDetector FAST = new SurgeDetector(5, 10, 2, 0.5, 3);

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("steady rate raises nothing", counts(4, 4, 4, 4, 4, 4), List.of()),
                arguments("no verdict during warm-up", counts(2, 50, 2, 2), List.of()),
                arguments("surge after warm-up raises once and clears when back in band",
                        counts(2, 2, 2, 40, 45, 38, 2), List.of("raised@3", "cleared@6")),
                arguments("high ratio but under min-count is not a surge", counts(1, 1, 1, 9, 9), List.of()),
                arguments("min-count but under the ratio is not a surge", counts(10, 10, 10, 40, 40), List.of()),
                arguments("zero baseline surges on min-count alone", counts(0, 0, 0, 12, 0),
                        List.of("raised@3", "cleared@4")),
                arguments("wobbling above the clear band stays one anomaly",
                        counts(2, 2, 2, 40, 12, 40, 2), List.of("raised@3", "cleared@6")),
                arguments("two storms apart are two anomalies",
                        counts(2, 2, 2, 40, 2, 2, 2, 40, 2), List.of("raised@3", "cleared@4", "raised@7", "cleared@8")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void raisesAndClears(String name, long[] counts, List<String> expected) {
        assertEquals(expected, run(FAST, counts).stream().map(SurgeDetectorTest::describe).toList());
    }

    @Test
    void baselineDoesNotLearnTheSurge() {
        SurgeDetector d = new SurgeDetector(5, 10, 2, 0.1, 3);
        SurgeState s = SurgeState.start(T0 - MINUTE, T0);
        for (int m = 0; m < 20; m++) {
            s = d.observe(s, "checkout", T0 + m * MINUTE, 2).state();
        }
        for (int m = 20; m < 25; m++) {
            s = d.observe(s, "checkout", T0 + m * MINUTE, 40).state();
        }
        // Fed 40/min unclamped, an alpha-0.1 EWMA would be at ~17; clamped at 2x it stays under 3.3.
        assertTrue(s.baseline().value() < 3.3, "baseline " + s.baseline().value());
        assertTrue(s.raised());
    }

    /** Done when: a storm that multiplies one service's alert rate by 20 for 5 minutes raises exactly one surge anomaly, which clears after. */
    @Test
    void twentyFoldStormForFiveMinutesRaisesExactlyOneSurgeThatClears() {
        long[] counts = Scenarios.stormCounts(42, 120, 60);
        List<Detection> detections = run(SurgeDetector.from(AnomalySettings.defaults()), counts);
        assertEquals(List.of("raised@120", "cleared@125"), detections.stream().map(SurgeDetectorTest::describe).toList());
        assertTrue(detections.get(0).detail().contains("surged"), detections.get(0).detail());
    }

    @Test
    void normalPoissonTrafficForADayRaisesNothing() {
        long[] counts = Scenarios.stormCounts(7, 24 * 60, 0);
        long[] withoutStorm = Arrays.copyOf(counts, 24 * 60);
        assertEquals(List.of(), run(SurgeDetector.from(AnomalySettings.defaults()), withoutStorm));
    }

    static List<Detection> run(SurgeDetector d, long[] counts) {
        SurgeState s = SurgeState.start(T0 - MINUTE, T0);
        List<Detection> out = new ArrayList<>();
        for (int m = 0; m < counts.length; m++) {
            SurgeDetector.Step step = d.observe(s, "checkout", T0 + m * MINUTE, counts[m]);
            s = step.state();
            if (step.detection() != null) {
                out.add(step.detection());
            }
        }
        return out;
    }

    /** "raised@m" or "cleared@m", m = the minute (from T0) the verdict was made in. */
    static String describe(Detection d) {
        return (d.cleared() ? "cleared@" : "raised@") + ((d.windowEnd() - T0) / MINUTE - 1);
    }

    private static long[] counts(long... c) {
        return LongStream.of(c).toArray();
    }
}
