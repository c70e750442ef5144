package io.alertflow.whatif;

import java.util.Map;

/**
 * The headline numbers of one what-if run.
 *
 * @param alertsIn alert notifications in the recording (alerts.raw records)
 * @param duplicates re-sends absorbed by deduplication (from the noise reports)
 * @param suppressed alerts held by maintenance windows (alerts.suppressed records)
 * @param anomalies anomalies detected
 * @param deadLetters records sent to alerts.dlq
 * @param incidents distinct incidents opened
 * @param pagesByKind pages by kind (TRIGGER, ESCALATE, REOPEN, RESOLVE), every kind present
 * @param pages all pages
 * @param escalations ESCALATE pages
 * @param noiseReductionPercent 100 × (1 − pages / alerts in), one decimal; null without alerts
 * @param mttaMs mean TTA over acknowledged incidents, null when none
 * @param mttrMs mean TTR over resolved incidents, null when none
 * @param meanTtdMs mean TTD over all incidents, null when none
 */
public record Totals(long alertsIn, long duplicates, long suppressed, long anomalies, long deadLetters, long incidents,
                     Map<String, Long> pagesByKind, long pages, long escalations, Double noiseReductionPercent,
                     Long mttaMs, Long mttrMs, Long meanTtdMs) {
}
