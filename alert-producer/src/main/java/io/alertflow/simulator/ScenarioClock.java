package io.alertflow.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Maps scenario time to real time under compression: offset {@code t} happens at
 * {@code start + t / speed}. Every timestamp the simulator sends (startsAt, endsAt, change and
 * action times, sample times, window bounds) goes through this mapping, so the records agree with
 * the receivedAt the gateway stamps and the stream (which works in event time = receivedAt) sees a
 * consistent, faster world.
 */
public final class ScenarioClock {
    private final Clock clock;
    private final Instant start;
    private final double speed;

    public ScenarioClock(Clock clock, double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive, got " + speed);
        }
        this.clock = clock;
        this.start = clock.instant();
        this.speed = speed;
    }

    /** The real instant of a scenario offset. */
    public Instant realAt(Duration offset) {
        return start.plusNanos(Math.round(offset.toNanos() / speed));
    }

    /** A scenario duration in real time. */
    public Duration real(Duration scenarioDuration) {
        return Duration.ofNanos(Math.round(scenarioDuration.toNanos() / speed));
    }

    /** The real time now. */
    public Instant now() {
        return clock.instant();
    }

    /** The scenario offset reached now. */
    public Duration offsetNow() {
        return Duration.ofNanos(Math.round(Duration.between(start, clock.instant()).toNanos() * speed));
    }

    /** Sleeps until the real instant of a scenario offset. */
    public void sleepUntil(Duration offset) throws InterruptedException {
        sleepUntil(realAt(offset));
    }

    /** Sleeps until a real instant (returns at once when it has passed). */
    public void sleepUntil(Instant instant) throws InterruptedException {
        long millis = Duration.between(clock.instant(), instant).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    public double speed() {
        return speed;
    }
}
