package io.alertflow.bench.load;

import io.alertflow.avro.EscalationPolicy;
import io.alertflow.avro.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The benchmark's service catalog: {@code services} services in domains of {@link #DOMAIN_SIZE}, each
 * domain a four-layer dependency graph (front ends call APIs call back ends call data stores) with no
 * edges between domains, so correlation sees several connected components instead of one giant key.
 */
public final class ServiceCatalog {
    /** Services per domain (connected component of the dependency graph). */
    public static final int DOMAIN_SIZE = 20;

    private final List<Service> services;
    private final List<List<Integer>> callers;

    private ServiceCatalog(List<Service> services, List<List<Integer>> callers) {
        this.services = services;
        this.callers = callers;
    }

    /** A deterministic catalog of {@code count} services. */
    public static ServiceCatalog generate(int count, long seed) {
        Random random = new Random(seed);
        List<Service> services = new ArrayList<>();
        List<List<Integer>> callers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            callers.add(new ArrayList<>());
        }
        for (int i = 0; i < count; i++) {
            int layer = layer(i);
            List<String> dependsOn = new ArrayList<>();
            if (layer < 3) {
                int domainStart = i - i % DOMAIN_SIZE;
                int deps = 1 + random.nextInt(2);
                for (int d = 0; d < deps; d++) {
                    int target = domainStart + firstOfLayer(layer + 1) + random.nextInt(layerSize(layer + 1));
                    if (target < count && !dependsOn.contains(name(target))) {
                        dependsOn.add(name(target));
                        callers.get(target).add(i);
                    }
                }
            }
            services.add(Service.newBuilder().setName(name(i)).setTier(1 + layer).setTeam("team-" + i / DOMAIN_SIZE)
                    .setDependsOn(dependsOn).setRunbookUrl("https://runbooks.example/" + name(i))
                    .setEscalation(EscalationPolicy.newBuilder().setAckTimeoutMs(15 * 60_000L)
                            .setLevels(List.of("oncall-" + i / DOMAIN_SIZE, "lead-" + i / DOMAIN_SIZE)).build())
                    .setCorrelationGroup(null).build());
        }
        return new ServiceCatalog(services, callers);
    }

    /** Layer inside a domain: 0 front end (4 services), 1 API (6), 2 back end (6), 3 data store (4). */
    static int layer(int service) {
        int inDomain = service % DOMAIN_SIZE;
        return inDomain < 4 ? 0 : inDomain < 10 ? 1 : inDomain < 16 ? 2 : 3;
    }

    private static int firstOfLayer(int layer) {
        return new int[] {0, 4, 10, 16}[layer];
    }

    private static int layerSize(int layer) {
        return new int[] {4, 6, 6, 4}[layer];
    }

    public static String name(int service) {
        return String.format("svc-%03d", service);
    }

    public List<Service> services() {
        return services;
    }

    public int size() {
        return services.size();
    }

    /** Indexes of the services that call {@code service} directly (where a failure cascades to). */
    public List<Integer> callersOf(int service) {
        return callers.get(service);
    }
}
