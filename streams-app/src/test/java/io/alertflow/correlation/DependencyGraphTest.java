package io.alertflow.correlation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.avro.Service;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DependencyGraphTest {

    static Service svc(String name, String... deps) {
        return Service.newBuilder().setName(name).setDependsOn(List.of(deps)).build();
    }

    static Service grouped(String name, String group, String... deps) {
        return Service.newBuilder().setName(name).setDependsOn(List.of(deps)).setCorrelationGroup(group).build();
    }

    /*
     * api-gateway -> checkout -> payments-api -> payments-db
     * notifications -> sms-provider (no record);  billing -> sms-provider
     * frontend -> checkout, frontend -> search
     * cycle-a <-> cycle-b;  batch-1, batch-2 share group "batch"
     */
    static final DependencyGraph GRAPH = DependencyGraph.of(List.of(
            svc("api-gateway", "checkout"),
            svc("checkout", "payments-api"),
            svc("payments-api", "payments-db"),
            svc("payments-db"),
            svc("notifications", "sms-provider"),
            svc("billing", "sms-provider"),
            svc("frontend", "checkout", "search"),
            svc("search"),
            svc("cycle-a", "cycle-b"),
            svc("cycle-b", "cycle-a"),
            grouped("batch-1", "batch"),
            grouped("batch-2", "batch")));

    static Stream<Arguments> relations() {
        return Stream.of(
                Arguments.of("same service", "checkout", "checkout", 2, 0),
                Arguments.of("direct caller and callee", "payments-api", "payments-db", 2, 1),
                Arguments.of("callee and caller (symmetric)", "payments-db", "payments-api", 2, 1),
                Arguments.of("chain of two hops", "checkout", "payments-db", 2, 2),
                Arguments.of("chain of three hops is too far at max 2", "api-gateway", "payments-db", 2, -1),
                Arguments.of("chain of three hops with max 3", "api-gateway", "payments-db", 3, 3),
                Arguments.of("shared dependency without a record", "notifications", "billing", 2, 2),
                Arguments.of("dependency without a record and its caller", "sms-provider", "billing", 2, 1),
                Arguments.of("shared caller does NOT relate", "checkout", "search", 2, -1),
                Arguments.of("shared caller does not relate even with many hops", "checkout", "search", 6, -1),
                Arguments.of("cycle", "cycle-a", "cycle-b", 2, 1),
                Arguments.of("shared correlation group", "batch-1", "batch-2", 2, 0),
                Arguments.of("unknown service with a known one", "mystery", "checkout", 2, -1),
                Arguments.of("two unknown services", "mystery", "other", 2, -1),
                Arguments.of("unrelated components", "checkout", "notifications", 6, -1),
                Arguments.of("max hops 0 relates only identical", "payments-api", "payments-db", 0, -1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("relations")
    void relatesServicesWithinMaxHops(String name, String a, String b, int maxHops, int expectedHops) {
        OptionalInt hops = GRAPH.hops(a, b, maxHops);
        if (expectedHops < 0) {
            assertTrue(hops.isEmpty(), () -> a + " and " + b + " should not be related, got " + hops);
        } else {
            assertEquals(OptionalInt.of(expectedHops), hops);
        }
    }

    static Stream<Arguments> keys() {
        return Stream.of(
                Arguments.of("chain shares one component", "payments-db", "x", "component:api-gateway"),
                Arguments.of("caller in the same component", "frontend", "x", "component:api-gateway"),
                Arguments.of("dependency without a record is a node", "sms-provider", "x", "component:billing"),
                Arguments.of("group links services", "batch-2", "x", "component:batch-1"),
                Arguments.of("cycle is one component", "cycle-b", "x", "component:cycle-a"),
                Arguments.of("unknown service keys by service", "mystery", "x", "service:mystery"),
                Arguments.of("no service keys by alertname", null, "DiskFull", "alertname:DiskFull"),
                Arguments.of("empty service keys by alertname", "", "DiskFull", "alertname:DiskFull"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void correlationKeyIsTheComponentElseServiceElseAlertname(String name, String service, String alertname, String key) {
        assertEquals(key, GRAPH.correlationKey(service, alertname));
    }

    @Test
    void transitiveDependencyFollowsEdgesAndSurvivesCycles() {
        assertTrue(GRAPH.dependsTransitively("api-gateway", "payments-db"));
        assertFalse(GRAPH.dependsTransitively("payments-db", "api-gateway"));
        assertTrue(GRAPH.dependsTransitively("cycle-a", "cycle-b"));
        assertTrue(GRAPH.dependsTransitively("cycle-b", "cycle-a"));
        assertFalse(GRAPH.dependsTransitively("checkout", "checkout"));
    }

    @Test
    void serviceWithoutRecordHasDefaultTierAndNoPolicy() {
        assertTrue(GRAPH.knows("sms-provider"));
        assertEquals(DependencyGraph.DEFAULT_TIER, GRAPH.tier("sms-provider"));
        assertEquals(null, GRAPH.escalation("sms-provider"));
        assertFalse(GRAPH.knows("mystery"));
    }
}
