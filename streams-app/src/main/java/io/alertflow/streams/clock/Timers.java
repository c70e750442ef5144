package io.alertflow.streams.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * The one code path for timers that must fire while no records arrive (stale alerts, window ends,
 * escalation, observation windows): a punctuator on wall-clock time in live mode and on stream time in
 * replay mode, chosen by {@code timers.mode}; the callback receives "now" in the chosen clock.
 *
 * @param mode which clock drives the timers
 * @param interval how often they are checked: the worst-case lateness of any timer
 */
public record Timers(TimerMode mode, Duration interval) {

    /** Calls {@code onTick} with the current time of the configured clock every {@link #interval}. */
    public Cancellable schedule(ProcessorContext<?, ?> context, Consumer<Instant> onTick) {
        return context.schedule(interval, mode.punctuationType(), ts -> onTick.accept(Instant.ofEpochMilli(ts)));
    }
}
