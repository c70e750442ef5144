package io.alertflow.explain;

import java.time.Instant;
import java.util.List;

/**
 * Why one alert did or did not page: a one-sentence verdict, the decisions in time order, and what the dedup
 * and maintenance stores say about it right now.
 *
 * @param verdict one sentence for the on-call engineer
 * @param incidentId the incident that holds the alert now, or null
 * @param occurrence the live dedup state of its current occurrence, or null when the dedup store forgot it
 * @param heldBy the window holding it right now, or null
 * @param droppedDecisions older decisions dropped to keep the log bounded
 */
public record AlertExplanation(String fingerprint, String verdict, String incidentId, Occurrence occurrence,
                               String heldBy, List<Step> steps, int droppedDecisions) {

    /**
     * Deduplication's view of the alert, read live from its store (re-sends are never recorded one by one).
     *
     * @param status FIRED (active) or RESOLVED/STALE
     * @param duplicates re-sends absorbed in this occurrence so far
     * @param lastSeen when the latest notification was received
     */
    public record Occurrence(int number, String status, long duplicates, Instant lastSeen, boolean flap) {
    }
}
