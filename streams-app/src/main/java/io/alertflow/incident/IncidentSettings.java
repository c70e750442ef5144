package io.alertflow.incident;

import io.alertflow.avro.Priority;
import io.alertflow.config.ConfigSource;
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
 * @param unknownActionWait actions.unknown-wait: how long an action for an incident not (yet) in the index waits
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
        int maxSuspects,
        Duration unknownActionWait) {

    /** Every key of these settings: key, default, meaning (the central configuration lists them). */
    public static final List<String[]> KEYS = List.of(
            new String[] {"correlation.max-hops", "2", "two services are related when a common dependency is reachable from both within this many hops in total"},
            new String[] {"correlation.window", "5m", "an incident stays joinable for this long after its last state change, even with no alert firing"},
            new String[] {"correlation.group-by", "", "comma-separated labels; alerts sharing all their values join the same incident (like Alertmanager's group_by); empty = off"},
            new String[] {"resolve.observation", "10m", "an incident resolves by itself when no alert fired for this long after its last alert resolved"},
            new String[] {"reopen.window", "30m", "a related alert within this long after an incident was declared RESOLVED reopens it"},
            new String[] {"change.lookback", "60m", "changes of involved services this long before startedAt are suspects"},
            new String[] {"paging.min-priority", "P3", "incidents below this priority are recorded but never paged"},
            new String[] {"escalation.default-levels", "primary-oncall,secondary-oncall,engineering-manager", "escalation targets for services without a policy"},
            new String[] {"escalation.default-ack-timeout.P1", "5m", "acknowledgement timeout of a P1 incident whose service has no policy"},
            new String[] {"escalation.default-ack-timeout.P2", "15m", "same for P2"},
            new String[] {"escalation.default-ack-timeout.P3", "30m", "same for P3"},
            new String[] {"escalation.default-ack-timeout.P4", "1h", "same for P4"},
            new String[] {"escalation.default-ack-timeout.P5", "4h", "same for P5"},
            new String[] {"incident.retention", "1h", "how long a resolved incident is kept after its reopen window (queries, late actions)"},
            new String[] {"incident.max-members", "500", "member alerts listed per incident (more are counted, not listed)"},
            new String[] {"incident.max-timeline", "200", "timeline entries kept per incident (the opening entry is always kept)"},
            new String[] {"incident.max-suspects", "10", "suspect changes listed per incident"},
            new String[] {"actions.unknown-wait", "10s", "an action naming an incident (or alert) the incident index does not know yet waits this long, retried at every timer tick, before it is dead-lettered (the index can trail a brand-new incident by a moment); 0 = dead-letter at once"});

    /** The settings from a configuration that holds {@link #KEYS}. */
    public static IncidentSettings from(ConfigSource c) {
        Map<Priority, Duration> timeouts = new EnumMap<>(Priority.class);
        for (Priority p : List.of(Priority.P1, Priority.P2, Priority.P3, Priority.P4, Priority.P5)) {
            timeouts.put(p, c.duration("escalation.default-ack-timeout." + p));
        }
        Priority min;
        try {
            min = Priority.valueOf(c.string("paging.min-priority").toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigSource.ConfigException("paging.min-priority", "must be one of P1..P5");
        }
        List<String> levels = c.list("escalation.default-levels");
        if (levels.isEmpty()) {
            throw new ConfigSource.ConfigException("escalation.default-levels", "must name at least one target");
        }
        return new IncidentSettings(c.integer("correlation.max-hops"), c.duration("correlation.window"),
                c.list("correlation.group-by"), c.duration("resolve.observation"), c.duration("reopen.window"),
                c.duration("change.lookback"), min, levels, timeouts, c.duration("incident.retention"),
                c.integer("incident.max-members"), c.integer("incident.max-timeline"), c.integer("incident.max-suspects"),
                c.duration("actions.unknown-wait"));
    }

    /** The documented defaults. */
    public static IncidentSettings defaults() {
        return from(ConfigSource.of(defaultMap()));
    }

    /** Each key of {@link #KEYS} with its default. */
    public static Map<String, String> defaultMap() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        KEYS.forEach(k -> m.put(k[0], k[1]));
        return m;
    }

    /** The default acknowledgement timeout for a priority. */
    public Duration ackTimeoutFor(Priority p) {
        return defaultAckTimeout.getOrDefault(p, Duration.ofMinutes(30));
    }
}
