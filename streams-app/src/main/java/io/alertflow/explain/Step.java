package io.alertflow.explain;

import java.time.Instant;

/**
 * One line of an explanation: what was decided, when, by which stage (or by which incident's lifecycle).
 *
 * @param fingerprint the alert concerned; null for an incident-wide step
 * @param incidentId the incident concerned; null before the alert reached one
 */
public record Step(Instant at, String stage, String kind, String detail, String fingerprint, String incidentId) {
}
