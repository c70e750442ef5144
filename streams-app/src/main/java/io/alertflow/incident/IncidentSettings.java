package io.alertflow.incident;

import io.alertflow.avro.Priority;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of correlation, lifecycle and escalation (SPEC §3.5–3.7), with the defaults the
 * configuration reference documents.
 *
 * @param maxHops           correlation.max-hops
 * @param window            correlation.window: how long an incident stays joinable after its last change
 * @param groupBy           correlation.group-by: labels whose shared values relate alerts
 * @param observation       resolve.observation: quiet period before auto-resolve
 * @param reopenWindow      reopen.window: how long after RESOLVED a related alert reopens
 * @param changeLookback    change.lookback: how far before startedAt changes are suspects
 * @param minPagingPriority paging.min-priority: incidents below it are recorded, never paged
 * @param defaultLevels     escalation.default-levels: targets for services without a policy
 * @param defaultAckTimeout escalation.default-ack-timeout.P1..P5: timeouts for services without a policy
 * @param retention         incident.retention: how long a resolved incident is kept after its reopen window
 * @param maxMembers        incident.max-members: member alerts listed per incident
 * @param maxTimeline       incident.max-timeline: timeline entries kept per incident
 * @param maxSuspects       incident.max-suspects: suspect changes listed per incident
 */
public record IncidentSettings(
        int maxHops,
        Duration window,
        List<String> groupBy,
        Duration observation,
        Duration reopenWindow,
        Duration changeLookback,
        Priority minPagingPriority,
        List<String> defaultLevels,
        Map<Priority, Duration> defaultAckTimeout,
        Duration retention,
        int maxMembers,
        int maxTimeline,
        int maxSuspects) {

    /** The documented defaults. */
    public static IncidentSettings defaults() {
        Map<Priority, Duration> timeouts = new EnumMap<>(Priority.class);
        timeouts.put(Priority.P1, Duration.ofMinutes(5));
        timeouts.put(Priority.P2, Duration.ofMinutes(15));
        timeouts.put(Priority.P3, Duration.ofMinutes(30));
        timeouts.put(Priority.P4, Duration.ofHours(1));
        timeouts.put(Priority.P5, Duration.ofHours(4));
        return new IncidentSettings(2, Duration.ofMinutes(5), List.of(), Duration.ofMinutes(10), Duration.ofMinutes(30),
                Duration.ofMinutes(60), Priority.P3, List.of("primary-oncall", "secondary-oncall", "engineering-manager"),
                timeouts, Duration.ofHours(1), 500, 200, 10);
    }

    /** The default acknowledgement timeout for a priority. */
    public Duration ackTimeoutFor(Priority p) {
        return defaultAckTimeout.getOrDefault(p, Duration.ofMinutes(30));
    }
}
