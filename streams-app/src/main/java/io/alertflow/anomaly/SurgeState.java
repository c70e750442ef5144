package io.alertflow.anomaly;

/**
 * What the surge detector remembers about one service between minutes.
 *
 * @param baseline      EWMA of alerts per minute
 * @param raised        true while a surge anomaly is open
 * @param surgeStart    start of the first minute of the open surge (epoch ms), 0 when none
 * @param peak          highest per-minute count of the open surge
 * @param closedThrough start of the last minute that was evaluated (epoch ms); counts for it or earlier are late
 * @param lastCountedAt event time of the newest counted alert (epoch ms), for the idle cleanup
 */
public record SurgeState(Ewma baseline, boolean raised, long surgeStart, long peak, long closedThrough,
                         long lastCountedAt) {

    /** A service seen for the first time, with minutes up to {@code closedThrough} considered closed. */
    public static SurgeState start(long closedThrough, long firstCountedAt) {
        return new SurgeState(Ewma.empty(), false, 0, 0, closedThrough, firstCountedAt);
    }

    SurgeState withLastCountedAt(long at) {
        return new SurgeState(baseline, raised, surgeStart, peak, closedThrough, Math.max(lastCountedAt, at));
    }
}
