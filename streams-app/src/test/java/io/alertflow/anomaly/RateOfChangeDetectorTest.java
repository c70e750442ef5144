package io.alertflow.anomaly;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToDoubleFunction;
import java.util.stream.Stream;

import static io.alertflow.anomaly.Scenarios.HOUR;
import static io.alertflow.anomaly.Scenarios.MINUTE;
import static io.alertflow.anomaly.Scenarios.SAMPLE_EVERY;
import static io.alertflow.anomaly.Scenarios.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class RateOfChangeDetectorTest {
    private static final RateOfChangeDetector DEFAULTS = RateOfChangeDetector.from(AnomalySettings.defaults());

    /** A verdict and the event time of the sample whose arrival produced it. */
    record Emitted(Detection detection, long emittedAt) {
    }

    /** Done when: rising 1 %/min from 200 ms raises at least 15 minutes before reaching 400 ms. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("risingLatencyCases")
    void risingLatencyRaisesAtLeast15MinutesBefore400ms(String name, long seed, long flatBefore) {
        List<Emitted> out = run(DEFAULTS, Scenarios.risingLatency(seed, 70 * MINUTE, flatBefore));
        assertFalse(out.isEmpty(), "no anomaly raised");
        Emitted first = out.get(0);
        assertFalse(first.detection().cleared());
        long deadline = Scenarios.risingLatencyReaches(400) - 15 * MINUTE;
        assertTrue(first.emittedAt() <= deadline, "raised at +" + (first.emittedAt() - T0) / MINUTE
                + " min, deadline +" + (deadline - T0) / MINUTE + " min");
        assertEquals(1, out.size(), "a steady rise stays one anomaly");
        assertTrue(first.detection().observed() >= 30, "slope " + first.detection().observed());
    }

    /** Done when: 24 hours of a flat series with +-10 % noise and occasional single spikes raise no anomaly. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void flatNoisySeriesWithSingleSpikesRaisesNothingInADay(long seed) {
        List<Point> day = Scenarios.flatWithSpikes(seed, 24 * HOUR);
        assertTrue(Scenarios.spikes(day) >= 10, "the scenario has spikes");
        assertEquals(List.of(), run(DEFAULTS, day));
    }

    /** Done when: out-of-order samples within the grace period give the same result as in-order ones. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void outOfOrderWithinGraceGivesTheSameVerdicts(long seed) {
        List<Point> inOrder = new ArrayList<>(Scenarios.risingLatency(seed, 70 * MINUTE));
        inOrder.addAll(sample(t -> 400, 70 * MINUTE, 110 * MINUTE)); // flattens: the anomaly clears
        List<Point> shuffled = Scenarios.shuffledWithin(inOrder, MINUTE, seed);
        assertFalse(shuffled.equals(inOrder), "the shuffle must reorder something");
        List<Detection> expected = run(DEFAULTS, inOrder).stream().map(Emitted::detection).toList();
        assertEquals(2, expected.size(), "raised then cleared");
        assertEquals(expected, run(DEFAULTS, shuffled).stream().map(Emitted::detection).toList());
    }

    static Stream<Arguments> risingLatencyCases() {
        return Stream.of(
                arguments("series starts rising (seed 1)", 1L, 0L),
                arguments("series starts rising (seed 42)", 42L, 0L),
                arguments("after two flat hours (seed 2)", 2L, 2 * HOUR),
                arguments("after two flat hours (seed 5)", 5L, 2 * HOUR),
                arguments("after a flat day (seed 3)", 3L, 24 * HOUR));
    }

    static Stream<Long> seeds() {
        return Stream.of(1L, 2L, 3L, 42L);
    }

    static Stream<Arguments> shapes() {
        return Stream.of(
                arguments("slow rise under the threshold", (LongToDoubleFunction) t -> 100 + 20.0 * (t - T0) / HOUR,
                        List.of()),
                arguments("falling series", (LongToDoubleFunction) t -> 500 - 200.0 * (t - T0) / HOUR, List.of()),
                arguments("one-hour rise then flat raises and clears", (LongToDoubleFunction) t ->
                        100 + 100.0 * Math.min(t - T0, HOUR) / HOUR, List.of("raised@17", "cleared@82")),
                arguments("a step up is a short steep slope: raises, then clears once the window has passed it",
                        (LongToDoubleFunction) t -> t < T0 + 60 * MINUTE ? 100 : 200, List.of("raised@63", "cleared@92")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void raisesOnSustainedRisesOnly(String name, LongToDoubleFunction shape, List<String> expected) {
        List<String> got = run(DEFAULTS, sample(shape, 0, 2 * HOUR)).stream()
                .map(e -> (e.detection().cleared() ? "cleared@" : "raised@") + (e.detection().windowEnd() - T0) / MINUTE)
                .toList();
        assertEquals(expected, got);
    }

    static Stream<Arguments> absolute() {
        // 100 -> rising 60/h is 60 %/h relative; the absolute threshold decides.
        return Stream.of(
                arguments("absolute threshold off", 0.0, true),
                arguments("absolute threshold met", 50.0, true),
                arguments("absolute threshold not met", 80.0, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("absolute")
    void bothThresholdsMustHold(String name, double minRisePerHour, boolean raises) {
        RateOfChangeDetector d = new RateOfChangeDetector(15 * MINUTE, MINUTE, MINUTE, 10, 3, 30, minRisePerHour, 1000);
        List<Emitted> out = run(d, sample(t -> 100 + 60.0 * (t - T0) / HOUR, 0, HOUR));
        assertEquals(raises, !out.isEmpty());
    }

    static Stream<Arguments> rejections() {
        return Stream.of(
                arguments("NaN", Double.NaN, T0 + HOUR, "not a finite number"),
                arguments("infinity", Double.POSITIVE_INFINITY, T0 + HOUR, "not a finite number"),
                arguments("later than the grace period", 1.0, T0 + HOUR - 3 * MINUTE, "after the grace period"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void rejectsBadSamplesWithoutTouchingTheState(String name, double value, long at, String reason) {
        SeriesState s = new SeriesState("checkout", "p99");
        for (Point p : sample(t -> 100, 0, HOUR)) {
            DEFAULTS.add(s, p.at(), p.value());
        }
        int buffered = s.points().size();
        RateOfChangeDetector.Outcome o = DEFAULTS.add(s, at, value);
        assertNotNull(o.rejection());
        assertTrue(o.rejection().contains(reason), o.rejection());
        assertEquals(buffered, s.points().size());
    }

    @Test
    void bufferHoldsOnlyWhatFutureWindowsNeed() {
        SeriesState s = new SeriesState("checkout", "p99");
        for (Point p : sample(t -> 100, 0, 3 * HOUR)) {
            assertNull(DEFAULTS.add(s, p.at(), p.value()).rejection());
        }
        // 30 min window + 1 min grace + the step, at one sample per 15 s.
        assertTrue(s.points().size() <= 32 * 4 + 1, "buffered " + s.points().size());
    }

    @Test
    void expiringARaisedSeriesClearsIt() {
        SeriesState s = new SeriesState("checkout", "p99");
        run(DEFAULTS, s, Scenarios.risingLatency(1, 40 * MINUTE));
        assertTrue(s.raised());
        Detection cleared = DEFAULTS.expire(s, T0 + 3 * HOUR).orElseThrow();
        assertTrue(cleared.cleared());
        assertFalse(s.raised());
        assertTrue(DEFAULTS.expire(s, T0 + 3 * HOUR).isEmpty());
    }

    static List<Emitted> run(RateOfChangeDetector d, List<Point> points) {
        return run(d, new SeriesState("checkout", "http_request_duration_p99_ms"), points);
    }

    static List<Emitted> run(RateOfChangeDetector d, SeriesState s, List<Point> points) {
        List<Emitted> out = new ArrayList<>();
        for (Point p : points) {
            RateOfChangeDetector.Outcome o = d.add(s, p.at(), p.value());
            assertNull(o.rejection(), () -> "rejected " + p + ": " + o.rejection());
            o.detections().forEach(det -> out.add(new Emitted(det, p.at())));
        }
        return out;
    }

    private static List<Point> sample(LongToDoubleFunction f, long from, long to) {
        List<Point> out = new ArrayList<>();
        for (long t = T0 + from; t < T0 + to; t += SAMPLE_EVERY) {
            out.add(new Point(t, f.applyAsDouble(t)));
        }
        return out;
    }
}
