package io.alertflow.incident;

import java.time.Instant;

/**
 * TTD, TTA and TTR of SPEC §3.8: TTD = detectedAt − startedAt, TTA = acknowledgedAt − detectedAt
 * (null when never acknowledged), TTR = resolvedAt − detectedAt. Negative spans (a clock ahead of the
 * sender's) are reported as 0 rather than as time travel.
 */
public record ResponseTimes(long ttdMs, Long ttaMs, Long ttrMs) {

    /** Computes the times; acknowledgedAt and resolvedAt may be null. */
    public static ResponseTimes of(Instant startedAt, Instant detectedAt, Instant acknowledgedAt, Instant resolvedAt) {
        long ttd = span(startedAt, detectedAt);
        Long tta = acknowledgedAt == null ? null : span(detectedAt, acknowledgedAt);
        Long ttr = resolvedAt == null ? null : span(detectedAt, resolvedAt);
        return new ResponseTimes(ttd, tta, ttr);
    }

    private static long span(Instant from, Instant to) {
        return Math.max(0, to.toEpochMilli() - from.toEpochMilli());
    }
}
