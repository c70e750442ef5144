package io.alertflow.whatif;

import java.time.Instant;

/**
 * One page a run emitted for an incident.
 *
 * @param kind TRIGGER, ESCALATE, REOPEN or RESOLVE
 * @param level escalation level paged, 1-based
 * @param target who was paged
 * @param at when the page was decided (event time)
 */
public record PageEvent(String kind, int level, String target, Instant at) {
}
