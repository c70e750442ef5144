package io.alertflow.local.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system clock, remembering the first instant it told: a scenario player asks for "now" first when it fixes
 * scenario minute 0, so this is the exact origin the demo's scenario-time offsets are measured from.
 */
final class PlaybackClock extends Clock {
    private final Clock delegate;
    private final AtomicReference<Instant> first = new AtomicReference<>();

    PlaybackClock(Clock delegate) {
        this.delegate = delegate;
    }

    /** The first instant read, or null before any. */
    Instant first() {
        return first.get();
    }

    @Override
    public Instant instant() {
        Instant now = delegate.instant();
        first.compareAndSet(null, now);
        return now;
    }

    @Override
    public ZoneId getZone() {
        return delegate.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new PlaybackClock(delegate.withZone(zone));
    }
}
