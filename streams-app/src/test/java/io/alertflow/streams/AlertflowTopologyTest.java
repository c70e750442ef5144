package io.alertflow.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.alertflow.streams.config.AlertflowConfig;
import io.alertflow.streams.topics.Topics;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * Pins every processor, store and topic name of the topology: renaming a store or an internal topic orphans
 * state in running deployments, so such a change must be deliberate and show up here. (Split nodes are named
 * by their prefix, e.g. {@code dedup-}; internal topics appear without the {@code <application.id>-} prefix.)
 */
class AlertflowTopologyTest {
    private final Topology topology = AlertflowTopology.build(AlertflowConfig.of(Map.of("schema.registry.url", "mock://describe")),
            Topics.from(AlertflowConfig.of(Map.of("schema.registry.url", "mock://describe"))));
    private final TopologyDescription description = topology.describe();

    @Test
    void processorNamesArePinned() {
        Set<String> names = new TreeSet<>();
        description.subtopologies().forEach(s -> s.nodes().forEach(n -> names.add(n.name())));
        description.globalStores().forEach(g -> {
            names.add(g.source().name());
            names.add(g.processor().name());
        });
        assertEquals(new TreeSet<>(Set.of(
                "alerts-raw-source", "validate", "validate-rejected", "validate-misplaced", "validate-in-place",
                "validate-rejected-letter", "validate-dlq-key", "validate-dlq-sink",
                "validate-in-place-alert", "validate-misplaced-alert",
                "alerts-by-fingerprint-repartition-filter", "alerts-by-fingerprint-repartition-sink",
                "alerts-by-fingerprint-repartition-source", "validated-alerts",
                "dedup", "dedup-changed", "dedup-duplicate", "dedup-change", "dedup-duplicate-alert",
                "suppress", "suppress-held", "suppress-passed", "suppress-held-alert", "suppress-passed-change",
                "alerts-suppressed-sink",
                "maintenance-windows-source", "maintenance-window-check", "maintenance-window-invalid",
                "maintenance-window-valid", "maintenance-window-letter", "maintenance-window-dlq-key",
                "maintenance-window-dlq-sink", "maintenance-window-bytes", "maintenance-windows-valid-sink",
                "maintenance-windows-load-source", "maintenance-windows-load",
                "validate-", "dedup-", "suppress-", "maintenance-window-")), names);
    }

    @Test
    void storeNamesArePinned() {
        Set<String> stores = new TreeSet<>();
        description.subtopologies().forEach(s -> s.nodes().forEach(n -> {
            if (n instanceof TopologyDescription.Processor p) {
                stores.addAll(p.stores());
            }
        }));
        description.globalStores().forEach(g -> stores.addAll(g.processor().stores()));
        assertEquals(new TreeSet<>(Set.of("dedup-store", "dedup-deadlines", "suppressed-store", "suppressed-releases",
                "maintenance-windows-store")), stores);
    }

    @Test
    void topicsArePinned() {
        Set<String> sources = new TreeSet<>();
        Set<String> sinks = new TreeSet<>();
        description.subtopologies().forEach(s -> s.nodes().forEach(n -> {
            if (n instanceof TopologyDescription.Source src) {
                sources.addAll(src.topicSet());
            } else if (n instanceof TopologyDescription.Sink sink) {
                sinks.add(sink.topic());
            }
        }));
        description.globalStores().forEach(g -> sources.addAll(g.source().topicSet()));
        assertEquals(new TreeSet<>(Set.of("alerts.raw", "maintenance.windows", "maintenance.windows.valid",
                "alerts-by-fingerprint-repartition")), sources);
        assertEquals(new TreeSet<>(Set.of("alerts.dlq", "alerts.suppressed", "maintenance.windows.valid",
                "alerts-by-fingerprint-repartition")), sinks);
    }
}
