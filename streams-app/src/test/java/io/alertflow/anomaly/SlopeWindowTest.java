package io.alertflow.anomaly;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongToDoubleFunction;
import java.util.stream.Stream;

import static io.alertflow.anomaly.Scenarios.HOUR;
import static io.alertflow.anomaly.Scenarios.MINUTE;
import static io.alertflow.anomaly.Scenarios.SECOND;
import static io.alertflow.anomaly.Scenarios.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SlopeWindowTest {
    private static final long WINDOW = 15 * MINUTE;

    /** 100 + 60 per hour: a 60 %/h rise from a level of 100. */
    private static final LongToDoubleFunction RISE = t -> 100 + 60.0 * (t - T0) / HOUR;

    static Stream<Arguments> fits() {
        List<Point> regular = sample(RISE, every(15 * SECOND));
        List<Point> spikeAtEnd = new ArrayList<>(regular);
        spikeAtEnd.set(spikeAtEnd.size() - 1, new Point(regular.get(regular.size() - 1).at(), 500));
        List<Point> twoSpikesInside = new ArrayList<>(regular);
        twoSpikesInside.set(20, new Point(regular.get(20).at(), 600));
        twoSpikesInside.set(21, new Point(regular.get(21).at(), 700));
        // 50 samples 5 above the trend in the last 10 s would drag an unweighted fit upward by ~20/h.
        List<Point> burst = new ArrayList<>(sample(RISE, every(60 * SECOND)));
        for (int i = 0; i < 50; i++) {
            burst.add(new Point(T0 + WINDOW - 10 * SECOND + i * 200 + 1, RISE.applyAsDouble(T0 + WINDOW) + 5));
        }
        burst.sort(null);
        List<Point> withGap = sample(RISE, every(15 * SECOND)).stream()
                .filter(p -> p.at() < T0 + 3 * MINUTE || p.at() > T0 + 10 * MINUTE).toList();
        return Stream.of(
                arguments("flat series has no slope", sample(t -> 100, every(15 * SECOND)), 0.0, 100.0),
                arguments("linear rise gives its slope per hour and start level", regular, 60.0, 100.0),
                arguments("a single spike at the window end does not tilt the line", spikeAtEnd, 60.0, 100.0),
                arguments("two adjacent spikes inside the window do not tilt the line", twoSpikesInside, 60.0, 100.0),
                arguments("a burst of samples weighs the time it covers, not its count", burst, 60.0, 100.0),
                arguments("a gap leaves the slope of what is there", withGap, 60.0, 100.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fits")
    void fitsTheTrend(String name, List<Point> points, double slopePerHour, double levelAtStart) {
        SlopeWindow.Fit fit = SlopeWindow.fit(points, T0, T0 + WINDOW, 10).orElseThrow();
        assertEquals(slopePerHour, fit.slopePerHour(), 3.0, "slope");
        assertEquals(levelAtStart, fit.levelAtStart(), 1.0, "level");
    }

    static Stream<Arguments> noFits() {
        return Stream.of(
                arguments("fewer samples than the minimum", sample(RISE, every(2 * MINUTE))),
                arguments("samples span less than half the window", sample(RISE, t -> t >= T0 + 10 * MINUTE)),
                arguments("all at one instant", List.of(new Point(T0, 1), new Point(T0, 2), new Point(T0, 3))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("noFits")
    void givesNoVerdictOnTooLittleData(String name, List<Point> points) {
        assertEquals(Optional.empty(), SlopeWindow.fit(points, T0, T0 + WINDOW, 10));
    }

    static Stream<Arguments> relative() {
        return Stream.of(
                arguments("60 per hour from 100 is 60 %/h", new SlopeWindow.Fit(60, 100, 115, 60, 1), 60.0),
                arguments("falling is negative", new SlopeWindow.Fit(-10, 200, 197.5, 60, 1), -5.0),
                arguments("no positive level has no relative slope", new SlopeWindow.Fit(5, 0, 1.25, 60, 1), Double.NaN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("relative")
    void relativeSlopeIsPercentOfTheStartLevelPerHour(String name, SlopeWindow.Fit fit, double expected) {
        assertEquals(expected, fit.relativePctPerHour(), 1e-9);
    }

    private static java.util.function.LongPredicate every(long step) {
        return t -> (t - T0) % step == 0;
    }

    private static List<Point> sample(LongToDoubleFunction f, java.util.function.LongPredicate keep) {
        List<Point> out = new ArrayList<>();
        for (long t = T0 + SECOND; t <= T0 + WINDOW; t += SECOND) {
            if (keep.test(t)) {
                out.add(new Point(t, f.applyAsDouble(t)));
            }
        }
        return out;
    }
}
