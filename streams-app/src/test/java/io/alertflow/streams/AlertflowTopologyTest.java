package io.alertflow.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.api.prometheus.PipelineMeters;
import io.alertflow.streams.config.AlertflowConfig;
import io.alertflow.streams.topics.Topics;
import io.alertflow.validation.AlertPartitions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * Pins every processor, store and topic name of the topology: renaming a store or an internal topic orphans
 * state in running deployments, so such a change must be deliberate and show up here. (Split nodes are named
 * by their prefix, e.g. {@code dedup-}; internal topics appear without the {@code <application.id>-} prefix.)
 */
class AlertflowTopologyTest {
    private static final AlertflowConfig CFG = AlertflowConfig.of(Map.of("schema.registry.url", "mock://describe"));
    /** As the streams app builds it: with its counting nodes. */
    private final TopologyDescription description = AlertflowTopology.build(CFG, Topics.from(CFG),
            new PipelineMeters(new SimpleMeterRegistry()), AlertPartitions.UNKNOWN).describe();

    @Test
    void processorNamesArePinned() {
        assertEquals(new TreeSet<>(Set.of(
                "alerts-by-fingerprint-repartition-filter", "alerts-by-fingerprint-repartition-sink",
                "alerts-by-fingerprint-repartition-source", "alerts-noise-sink", "alerts-raw-source",
                "alerts-suppressed-sink", "anomalies-sink", "anomaly-dlq-key", "anomaly-dlq-sink", "anomaly-merge",
                "anomaly-metric-anomalies", "anomaly-metric-by-series-repartition-filter",
                "anomaly-metric-by-series-repartition-sink", "anomaly-metric-by-series-repartition-source",
                "anomaly-metric-dead-letters", "anomaly-metric-detector", "anomaly-metric-key-by-series",
                "anomaly-metric-samples-", "anomaly-metric-samples-keyed", "anomaly-metric-samples-merge",
                "anomaly-metric-samples-unkeyed",
                "anomaly-surge-by-service-repartition-filter", "anomaly-surge-by-service-repartition-sink",
                "anomaly-surge-by-service-repartition-source", "anomaly-surge-detector",
                "anomaly-surge-fired-by-service", "anomaly-synthetic-alerts", "anomaly-synthetic-refresh", "changes-source",
                "correlation-actions-", "correlation-actions-dlq-key", "correlation-actions-dlq-sink",
                "correlation-actions-known", "correlation-actions-known-cast", "correlation-actions-unknown",
                "correlation-actions-unknown-cast", "correlation-events-repartition-filter",
                "correlation-events-repartition-sink", "correlation-events-repartition-source",
                "correlation-merge-actions", "correlation-merge-changes", "correlation-route-actions",
                "correlation-route-alerts", "correlation-route-changes",
                "decisions-by-fingerprint-repartition-filter", "decisions-by-fingerprint-repartition-sink",
                "decisions-by-fingerprint-repartition-source", "decisions-dead-letters-with-fingerprint",
                "decisions-dlq-reader", "decisions-dlq-source", "decisions-from-dead-letters", "decisions-from-dedup",
                "decisions-from-released", "decisions-from-suppressed", "decisions-merge-dead-letters",
                "decisions-merge-incidents", "decisions-merge-released", "decisions-merge-suppressed",
                "decisions-recorder", "decisions-released-only", "dedup", "dedup-change",
                "dedup-duplicate-alert", "incident-actions-source",
                "incident-dlq-key", "incident-dlq-sink", "incident-engine", 
                "incident-decisions-by-fingerprint-repartition-filter", "incident-decisions-by-fingerprint-repartition-sink", "incident-decisions-by-fingerprint-repartition-source", "incident-rule-tallies-by-rule", "incident-rule-tallies-repartition-filter", "incident-rule-tallies-repartition-sink", "incident-rule-tallies-repartition-source", "incident-rule-tallies-with-rule", "incident-service-tallies-by-service", "incident-service-tallies-repartition-filter", "incident-service-tallies-repartition-sink", "incident-service-tallies-repartition-source", "incident-service-tallies-with-service", "rule-tallies-merge", "service-tallies-merge", "incident-index-sink",
                "incident-index-source", "incident-index-source-source", "incident-metrics-sink", "incident-out-",
                "incident-out-decisions", "incident-out-decisions-cast",
                "incident-out-dlq", "incident-out-dlq-cast", "incident-out-incidents", "incident-out-incidents-cast",
                "incident-out-index", "incident-out-index-cast", "incident-out-metrics", "incident-out-metrics-cast",
                "incident-out-pages", "incident-out-pages-cast", "incident-out-tallies", "incident-out-tallies-cast",
                "incidents-sink", "maintenance-window-", "maintenance-window-bytes", "maintenance-window-check",
                "maintenance-window-dlq-key", "maintenance-window-dlq-sink", "maintenance-window-invalid",
                "maintenance-window-letter", "maintenance-window-valid", "maintenance-windows-load",
                "maintenance-windows-load-source", "maintenance-windows-source", "maintenance-windows-valid-sink",
                "meter-alerts-received", "meter-anomalies", "meter-dead-letters", "meter-duplicates",
                "meter-incident-metrics", "meter-incidents", "meter-pages", "meter-suppressed",
                "metrics-samples-source", "noise-report", "pages-sink", "rule-tallies-by-rule",
                "rule-tallies-repartition-filter", "rule-tallies-repartition-sink",
                "rule-tallies-repartition-source", "rule-tallies-with-rule", "service-metrics-aggregate",
                "service-metrics-changes", "service-metrics-render", "service-metrics-sink",
                "service-tallies-by-service", "service-tallies-repartition-filter",
                "service-tallies-repartition-sink", "service-tallies-repartition-source",
                "service-tallies-with-service", "services-source", "services-source-source", "suppress", "suppress-",
                "suppress-held", "suppress-held-alert", "suppress-passed", "suppress-passed-change",
                "synthetic-alerts-sink", "tallies-from-changes", "tallies-from-suppressed",
                "tallies-merge-suppressed", "validate", "validate-dlq-key",
                "validate-dlq-sink",
                "validate-misplaced-alert", "validate-rejected-letter", "validated-alerts")), names(description));
    }

    @Test
    void withoutCountersTheTopologyIsTheSameMinusItsCountingNodesAndTheDuplicates() {
        Set<String> counting = new TreeSet<>(names(description));
        counting.removeIf(name -> !name.startsWith("meter-"));
        assertEquals(8, counting.size(), "one counting node per counter: " + counting);
        Set<String> rest = new TreeSet<>(names(description));
        rest.removeAll(counting);
        // Only the duplicates counter reads the re-sends dedup absorbs.
        assertTrue(rest.remove("dedup-duplicate-alert"), "the duplicates node of the counting build");
        TopologyDescription uncounted = AlertflowTopology.build(CFG, Topics.from(CFG)).describe();
        assertEquals(rest, names(uncounted));
        assertEquals(description.subtopologies().size(), uncounted.subtopologies().size());
    }

    private static Set<String> names(TopologyDescription description) {
        Set<String> names = new TreeSet<>();
        description.subtopologies().forEach(s -> s.nodes().forEach(n -> names.add(n.name())));
        description.globalStores().forEach(g -> {
            names.add(g.source().name());
            names.add(g.processor().name());
        });
        return names;
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
        assertEquals(new TreeSet<>(Set.of(
                "actions-pending", "anomaly-metric-series", "anomaly-surge-baselines", "anomaly-surge-minute-counts", "anomaly-synthetic-active", "decisions-deadlines",
                "decisions-store", "dedup-deadlines",
                "dedup-store", "incident-index-global-store", "incident-keys-store", "incident-store", "incident-timers",
                "maintenance-windows-store", "noise-store", "recent-changes-store", "service-metrics-store",
                "services-global-store", "suppressed-releases", "suppressed-store")), stores);
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
        assertEquals(new TreeSet<>(Set.of(
                "alerts-by-fingerprint-repartition", "alerts.dlq", "alerts.raw", "alerts.synthetic",
                "anomaly-metric-by-series-repartition", "anomaly-surge-by-service-repartition", "changes", "correlation-events-repartition",
                "decisions-by-fingerprint-repartition", "incident.actions", "incident.index", "maintenance.windows", "maintenance.windows.valid",
                "metrics.samples", "rule-tallies-repartition", "incident-decisions-by-fingerprint-repartition", "incident-rule-tallies-repartition", "incident-service-tallies-repartition", "service-tallies-repartition", "services")), sources);
        assertEquals(new TreeSet<>(Set.of(
                "alerts.dlq", "alerts.suppressed", "maintenance.windows.valid", "alerts-by-fingerprint-repartition",
                "anomalies", "alerts.synthetic", "anomaly-metric-by-series-repartition", "anomaly-surge-by-service-repartition",
                "correlation-events-repartition", "incidents", "pages", "incident.metrics", "incident.index",
                "service.metrics", "alerts.noise", "rule-tallies-repartition", "incident-decisions-by-fingerprint-repartition", "incident-rule-tallies-repartition", "incident-service-tallies-repartition", "service-tallies-repartition",
                "decisions-by-fingerprint-repartition")), sinks);
    }
}
