package io.alertflow.correlation;

import io.alertflow.avro.EscalationPolicy;
import io.alertflow.avro.Service;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An immutable snapshot of the service catalog as a graph of {@code dependsOn} edges: the relation
 * of SPEC §3.5 (related services, in hops), the correlation partition key (connected component with
 * shared correlation groups linked), and transitive dependency for root-cause selection.
 *
 * <p>A {@code dependsOn} target without a {@code Service} record is still a node (tier 3, no
 * escalation policy). Cycles are allowed: every walk keeps a visited set.
 */
public final class DependencyGraph {
    /** Tier of a service that has no catalog record. */
    public static final int DEFAULT_TIER = 3;

    private static final DependencyGraph EMPTY = new DependencyGraph(Map.of());

    private final Map<String, Service> services;
    private final Map<String, Set<String>> dependsOn;
    private final Map<String, String> componentKeys;
    private final Map<String, Map<String, Integer>> reachCache = new ConcurrentHashMap<>();
    private final Map<Integer, Map<String, Map<String, Integer>>> boundedReachCache = new ConcurrentHashMap<>();

    private DependencyGraph(Map<String, Service> services) {
        this.services = Map.copyOf(services);
        this.dependsOn = edges(services);
        this.componentKeys = components(services, dependsOn);
    }

    /** A graph over the given catalog records, keyed by service name. */
    public static DependencyGraph of(Map<String, Service> services) {
        return services.isEmpty() ? EMPTY : new DependencyGraph(services);
    }

    /** A graph over the given catalog records. */
    public static DependencyGraph of(Collection<Service> services) {
        Map<String, Service> byName = new HashMap<>();
        services.forEach(s -> byName.put(s.getName(), s));
        return of(byName);
    }

    /** True when the service is a node: it has a record or some service depends on it. */
    public boolean knows(String service) {
        return service != null && componentKeys.containsKey(service);
    }

    /** The catalog record, or null for a dependency without a record or an unknown service. */
    public Service service(String name) {
        return name == null ? null : services.get(name);
    }

    /** The service's tier; {@link #DEFAULT_TIER} when it has no record. */
    public int tier(String name) {
        Service s = service(name);
        return s == null ? DEFAULT_TIER : s.getTier();
    }

    /** The service's escalation policy, or null when it has none. */
    public EscalationPolicy escalation(String name) {
        Service s = service(name);
        return s == null ? null : s.getEscalation();
    }

    /** The service's runbook, or null. */
    public String runbookUrl(String name) {
        Service s = service(name);
        return s == null ? null : s.getRunbookUrl();
    }

    /**
     * The correlation partition key of an alert (SPEC §3.5): its dependency component (named after
     * the component's alphabetically first service), else its service, else its alertname.
     */
    public String correlationKey(String service, String alertname) {
        if (service != null && !service.isEmpty()) {
            String component = componentKeys.get(service);
            return component != null ? "component:" + component : "service:" + service;
        }
        return "alertname:" + Objects.requireNonNullElse(alertname, "");
    }

    /**
     * Hops between two services under the relation of SPEC §3.5: the smallest
     * {@code d(a, x) + d(b, x)} over services x reachable from both along dependsOn edges, when at
     * most {@code maxHops}; 0 for a shared correlation group or the same service; empty when they
     * are not related (two services that merely share a caller are not).
     */
    public OptionalInt hops(String a, String b, int maxHops) {
        if (a == null || b == null) {
            return OptionalInt.empty();
        }
        if (a.equals(b) || sameGroup(a, b)) {
            return OptionalInt.of(0);
        }
        Map<String, Integer> fromA = reachable(a, maxHops);
        Map<String, Integer> fromB = reachable(b, maxHops);
        int best = Integer.MAX_VALUE;
        for (Map.Entry<String, Integer> e : fromA.entrySet()) {
            Integer db = fromB.get(e.getKey());
            if (db != null) {
                best = Math.min(best, e.getValue() + db);
            }
        }
        return best <= maxHops ? OptionalInt.of(best) : OptionalInt.empty();
    }

    /** True when {@code from} depends on {@code to} directly or through other services. */
    public boolean dependsTransitively(String from, String to) {
        if (from == null || to == null || from.equals(to)) {
            return false;
        }
        return reachable(from, Integer.MAX_VALUE).containsKey(to);
    }

    /** The services the given one calls directly. */
    public Set<String> directDependencies(String name) {
        return dependsOn.getOrDefault(name, Set.of());
    }

    /** Every node of the graph. */
    public Set<String> nodes() {
        return Collections.unmodifiableSet(componentKeys.keySet());
    }

    private boolean sameGroup(String a, String b) {
        Service sa = services.get(a);
        Service sb = services.get(b);
        return sa != null && sb != null && sa.getCorrelationGroup() != null
                && sa.getCorrelationGroup().equals(sb.getCorrelationGroup());
    }

    /** Breadth-first distances from {@code start} along dependsOn edges, itself at 0, up to a limit. */
    private Map<String, Integer> reachable(String start, int limit) {
        if (limit == Integer.MAX_VALUE) {
            return reachCache.computeIfAbsent(start, s -> walk(s, Integer.MAX_VALUE));
        }
        // Correlation asks hops() for every member of every candidate incident with the same max-hops: without
        // this cache each call ran two breadth-first walks (the benchmarks' JFR profile showed it as the top
        // frame of the incident stage). The snapshot is immutable, so the cache is bounded by nodes x limits.
        return boundedReachCache.computeIfAbsent(limit, l -> new ConcurrentHashMap<>())
                .computeIfAbsent(start, s -> walk(s, limit));
    }

    private Map<String, Integer> walk(String start, int limit) {
        Map<String, Integer> dist = new HashMap<>();
        dist.put(start, 0);
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String current = queue.poll();
            int d = dist.get(current);
            if (d >= limit) {
                continue;
            }
            for (String next : dependsOn.getOrDefault(current, Set.of())) {
                if (!dist.containsKey(next)) {
                    dist.put(next, d + 1);
                    queue.add(next);
                }
            }
        }
        return dist;
    }

    private static Map<String, Set<String>> edges(Map<String, Service> services) {
        Map<String, Set<String>> edges = new HashMap<>();
        services.forEach((name, s) -> {
            Set<String> targets = new TreeSet<>(s.getDependsOn());
            targets.remove(name);
            edges.put(name, Collections.unmodifiableSet(targets));
        });
        return edges;
    }

    /** Union-find over dependsOn edges and shared groups; each component is named after its smallest member. */
    private static Map<String, String> components(Map<String, Service> services, Map<String, Set<String>> edges) {
        Map<String, String> parent = new HashMap<>();
        Map<String, String> groupFirst = new HashMap<>();
        services.forEach((name, s) -> {
            find(parent, name);
            edges.getOrDefault(name, Set.of()).forEach(dep -> union(parent, name, dep));
            String group = s.getCorrelationGroup();
            if (group != null && !group.isEmpty()) {
                String first = groupFirst.putIfAbsent(group, name);
                if (first != null) {
                    union(parent, first, name);
                }
            }
        });
        Map<String, String> smallest = new HashMap<>();
        for (String node : new HashSet<>(parent.keySet())) {
            smallest.merge(find(parent, node), node, (x, y) -> x.compareTo(y) <= 0 ? x : y);
        }
        Map<String, String> keys = new HashMap<>();
        for (String node : parent.keySet()) {
            keys.put(node, smallest.get(find(parent, node)));
        }
        return keys;
    }

    private static String find(Map<String, String> parent, String x) {
        parent.putIfAbsent(x, x);
        String root = x;
        while (!parent.get(root).equals(root)) {
            root = parent.get(root);
        }
        while (!parent.get(x).equals(root)) {
            String next = parent.get(x);
            parent.put(x, root);
            x = next;
        }
        return root;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) {
            parent.put(ra, rb);
        }
    }
}
