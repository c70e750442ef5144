package io.alertflow.incident;

import io.alertflow.avro.Member;
import io.alertflow.correlation.DependencyGraph;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The root-cause candidate of SPEC §3.5: the deepest alerting dependency, i.e. a member service that
 * depends, directly or not, on no other alerting member service; the earliest alert breaks ties.
 * When every member depends on another (a dependency cycle), the earliest alerting service is used.
 */
public final class RootCause {
    private RootCause() {
    }

    /** The root-cause service among the members' services, or null when no member has a service. */
    public static String of(List<Member> members, DependencyGraph graph) {
        Map<String, Member> earliest = earliestByService(members);
        if (earliest.isEmpty()) {
            return null;
        }
        List<String> candidates = new ArrayList<>();
        for (String s : earliest.keySet()) {
            boolean dependsOnAnother = earliest.keySet().stream().anyMatch(t -> graph.dependsTransitively(s, t));
            if (!dependsOnAnother) {
                candidates.add(s);
            }
        }
        List<String> pool = candidates.isEmpty() ? new ArrayList<>(earliest.keySet()) : candidates;
        return pool.stream().min(Comparator.comparing((String s) -> earliest.get(s).getDetectedAt())
                .thenComparing(s -> earliest.get(s).getJoinedAt()).thenComparing(s -> s)).orElseThrow();
    }

    /** A sentence saying why the service was chosen. */
    public static String why(String root, List<Member> members, DependencyGraph graph) {
        List<String> dependents = earliestByService(members).keySet().stream()
                .filter(s -> graph.dependsTransitively(s, root)).sorted().toList();
        if (dependents.isEmpty()) {
            return "it depends on no other alerting service of the incident (earliest such alert)";
        }
        return "it depends on no other alerting service, and " + String.join(", ", dependents)
                + (dependents.size() == 1 ? " depends" : " depend") + " on it";
    }

    private static Map<String, Member> earliestByService(List<Member> members) {
        Map<String, Member> earliest = new LinkedHashMap<>();
        for (Member m : members) {
            if (m.getService() == null) {
                continue;
            }
            earliest.merge(m.getService(), m, (a, b) -> b.getDetectedAt().isBefore(a.getDetectedAt()) ? b : a);
        }
        return earliest;
    }
}
