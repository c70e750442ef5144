package io.alertflow.whatif;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SortedSet;

/**
 * One incident at the end of a what-if run: its last state, its member alerts and every page it caused,
 * with TTD/TTA/TTR as SPEC §3.8 defines them (null where the incident never got there).
 *
 * @param id deterministic incident id
 * @param correlationKey the correlation partition key
 * @param title one-line description
 * @param state last lifecycle state
 * @param priority P1..P5
 * @param rootCauseService root-cause candidate, may be null
 * @param services services involved, in order of first alert
 * @param members member alert fingerprints, sorted
 * @param pages pages in emission order
 * @param startedAt earliest startsAt of the members
 * @param detectedAt when the first member was received
 * @param acknowledgedAt first acknowledgement, may be null
 * @param resolvedAt latest resolution, may be null
 * @param reopenCount how often it reopened
 */
public record IncidentReport(String id, String correlationKey, String title, String state, String priority,
                             String rootCauseService, List<String> services, SortedSet<String> members,
                             List<PageEvent> pages, Instant startedAt, Instant detectedAt, Instant acknowledgedAt,
                             Instant resolvedAt, int reopenCount) {

    /** Time to detect: detectedAt − startedAt. */
    public Long ttdMs() {
        return between(startedAt, detectedAt);
    }

    /** Time to acknowledge: acknowledgedAt − detectedAt, null when never acknowledged. */
    public Long ttaMs() {
        return between(detectedAt, acknowledgedAt);
    }

    /** Time to resolve: resolvedAt − detectedAt, null while not resolved. */
    public Long ttrMs() {
        return "RESOLVED".equals(state) ? between(detectedAt, resolvedAt) : null;
    }

    private static Long between(Instant from, Instant to) {
        return from == null || to == null ? null : Duration.between(from, to).toMillis();
    }
}
