package io.alertflow.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A scripted sequence of gateway calls modelled on a real incident pattern: steps at scenario
 * offsets, plus Prometheus-like re-sends of every firing alert every {@code resendInterval}.
 * Plain data: the demo and tests build, inspect and play the same objects.
 *
 * @param name short name used on the command line (payment-outage, ...)
 * @param description one sentence for people
 * @param length scenario time covered; playback ends there
 * @param resendInterval how often firing alerts are re-sent (Prometheus re-sends every 30 s - 3 min); null = never
 * @param steps the steps, sorted by offset
 */
public record Scenario(String name, String description, Duration length, Duration resendInterval, List<Step> steps) {

    public Scenario {
        List<Step> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.comparing(Step::at));
        steps = List.copyOf(sorted);
    }

    /** Builds a scenario step by step at minute offsets. */
    public static Builder builder(String name, String description) {
        return new Builder(name, description);
    }

    /** Fluent builder: {@code at(minutes, action)}. */
    public static final class Builder {
        private final String name;
        private final String description;
        private final List<Step> steps = new ArrayList<>();
        private Duration resendInterval = Duration.ofMinutes(1);

        private Builder(String name, String description) {
            this.name = name;
            this.description = description;
        }

        /** A step at a scenario offset in (fractional) minutes. */
        public Builder at(double minutes, StepAction action) {
            steps.add(new Step(Duration.ofMillis(Math.round(minutes * 60_000)), action));
            return this;
        }

        public Builder resendEvery(Duration interval) {
            this.resendInterval = interval;
            return this;
        }

        public Scenario build(double lengthMinutes) {
            return new Scenario(name, description, Duration.ofMillis(Math.round(lengthMinutes * 60_000)), resendInterval, steps);
        }
    }
}
