package io.alertflow.whatif;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the incidents of run B relate to those of run A, matched by member alerts: an incident of A and one
 * of B are linked when they share at least one member fingerprint, and each connected group of linked
 * incidents is one {@link Change}.
 */
public final class Comparison {

    /** What happened to a group of linked incidents. */
    public enum Kind {
        /** one incident in A, one in B, same members, priority, root cause, state and pages */
        SAME,
        /** one incident in A, one in B, but members, priority, root cause, state or pages differ */
        CHANGED,
        /** one incident in A became several in B */
        SPLIT,
        /** several incidents in A became one in B */
        MERGED,
        /** several in A and several in B share members crosswise */
        REGROUPED,
        /** only in B */
        APPEARED,
        /** only in A */
        DISAPPEARED
    }

    /**
     * One group of linked incidents.
     *
     * @param kind what happened
     * @param a ids of the group's incidents in run A, sorted
     * @param b ids of the group's incidents in run B, sorted
     * @param detail for CHANGED, which attributes differ (e.g. {@code priority P2 -> P1}); otherwise empty
     */
    public record Change(Kind kind, List<String> a, List<String> b, List<String> detail) {
    }

    private Comparison() {
    }

    /** Every group, in the order of the earliest detection among its incidents (then by ids). */
    public static List<Change> compare(List<IncidentReport> a, List<IncidentReport> b) {
        List<Node> nodes = new ArrayList<>();
        a.forEach(i -> nodes.add(new Node(true, i)));
        b.forEach(i -> nodes.add(new Node(false, i)));
        UnionFind groups = new UnionFind(nodes.size());
        Map<String, Integer> firstWithMember = new HashMap<>();
        for (int n = 0; n < nodes.size(); n++) {
            for (String fp : nodes.get(n).incident.members()) {
                Integer first = firstWithMember.putIfAbsent(fp, n);
                if (first != null) {
                    groups.union(first, n);
                }
            }
        }
        Map<Integer, List<Node>> components = new HashMap<>();
        for (int n = 0; n < nodes.size(); n++) {
            components.computeIfAbsent(groups.find(n), k -> new ArrayList<>()).add(nodes.get(n));
        }
        return components.values().stream()
                .sorted(Comparator.comparing((List<Node> g) -> g.stream().map(x -> x.incident.detectedAt())
                        .min(Comparator.naturalOrder()).orElseThrow()).thenComparing(g -> ids(g, true) + "|" + ids(g, false)))
                .map(Comparison::change).toList();
    }

    private static Change change(List<Node> group) {
        List<IncidentReport> inA = group.stream().filter(n -> n.inA).map(n -> n.incident).toList();
        List<IncidentReport> inB = group.stream().filter(n -> !n.inA).map(n -> n.incident).toList();
        List<String> a = inA.stream().map(IncidentReport::id).sorted().toList();
        List<String> b = inB.stream().map(IncidentReport::id).sorted().toList();
        Kind kind;
        List<String> detail = List.of();
        if (inB.isEmpty()) {
            kind = Kind.DISAPPEARED;
        } else if (inA.isEmpty()) {
            kind = Kind.APPEARED;
        } else if (inA.size() == 1 && inB.size() == 1) {
            detail = differences(inA.get(0), inB.get(0));
            kind = detail.isEmpty() ? Kind.SAME : Kind.CHANGED;
        } else if (inA.size() == 1) {
            kind = Kind.SPLIT;
        } else if (inB.size() == 1) {
            kind = Kind.MERGED;
        } else {
            kind = Kind.REGROUPED;
        }
        return new Change(kind, a, b, detail);
    }

    /** What differs between two matched incidents, as short phrases. */
    static List<String> differences(IncidentReport x, IncidentReport y) {
        List<String> d = new ArrayList<>();
        if (!x.members().equals(y.members())) {
            Set<String> lost = new TreeSet<>(x.members());
            lost.removeAll(y.members());
            Set<String> gained = new TreeSet<>(y.members());
            gained.removeAll(x.members());
            d.add("members -" + lost.size() + " +" + gained.size());
        }
        differ(d, "priority", x.priority(), y.priority());
        differ(d, "root cause", x.rootCauseService(), y.rootCauseService());
        differ(d, "state", x.state(), y.state());
        differ(d, "pages", pageKinds(x), pageKinds(y));
        return d;
    }

    private static void differ(List<String> d, String what, Object x, Object y) {
        if (!java.util.Objects.equals(x, y)) {
            d.add(what + " " + x + " -> " + y);
        }
    }

    private static String pageKinds(IncidentReport i) {
        return i.pages().stream().map(p -> p.kind() + "@" + p.level()).toList().toString();
    }

    private static String ids(List<Node> g, boolean inA) {
        return String.join(",", g.stream().filter(n -> n.inA == inA).map(n -> n.incident.id()).sorted().toList());
    }

    private record Node(boolean inA, IncidentReport incident) {
    }

    /** Disjoint sets over node indexes. */
    private static final class UnionFind {
        private final int[] parent;

        UnionFind(int n) {
            parent = new int[n];
            for (int i = 0; i < n; i++) {
                parent[i] = i;
            }
        }

        int find(int x) {
            while (parent[x] != x) {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            return x;
        }

        void union(int x, int y) {
            parent[find(x)] = find(y);
        }
    }

    /** How many groups of each kind, every kind present. */
    public static Map<Kind, Long> countByKind(List<Change> changes) {
        Map<Kind, Long> counts = new java.util.EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            counts.put(k, 0L);
        }
        changes.forEach(c -> counts.merge(c.kind(), 1L, Long::sum));
        return counts;
    }
}
