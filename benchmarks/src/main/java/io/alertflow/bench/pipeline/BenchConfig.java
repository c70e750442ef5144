package io.alertflow.bench.pipeline;

import io.alertflow.streams.config.AlertflowConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The configuration of one benchmark application: production defaults (exactly_once_v2, 100 ms commits,
 * one stream thread) with its own application id, state directory and output topics, so runs in one
 * broker never read each other's output or internal topics.
 */
public final class BenchConfig {
    /** The mock:// registry scope shared by generator and apps in the benchmark JVM. */
    public static final String REGISTRY = "mock://alertflow-bench";
    /** Input topics every run shares (the catalog and the windows are published once). */
    private static final Set<String> SHARED = Set.of("topic.maintenance.windows", "topic.services", "topic.changes",
            "topic.incident.actions", "topic.metrics.samples");

    private BenchConfig() {
    }

    /**
     * The Alertflow configuration of a run named {@code run} reading {@code inputTopic}. Alerts are generated
     * just before a run in compressed time, so {@code alert.stale-after} is raised to keep the system from
     * declaring pre-generated alerts stale (in production their re-sends keep them fresh).
     */
    public static AlertflowConfig of(String bootstrap, Path stateDir, String run, String inputTopic, Map<String, String> extra) {
        Map<String, String> values = new HashMap<>();
        for (AlertflowConfig.Setting s : AlertflowConfig.ALL_SETTINGS) {
            if (s.key().startsWith("topic.") && s.key().length() > "topic.".length() && !s.key().equals("topic.partitions")
                    && !s.key().equals("topic.replication-factor") && !SHARED.contains(s.key())) {
                values.put(s.key(), s.defaultValue() + "." + run);
            }
        }
        values.put("topic.alerts.raw", inputTopic);
        values.put("application.id", "bench-" + run);
        values.put("bootstrap.servers", bootstrap);
        values.put("schema.registry.url", REGISTRY);
        values.put("state.dir", stateDir.toString());
        values.put("alert.stale-after", "30m");
        values.put("topic.partitions", "6");
        values.putAll(extra);
        return AlertflowConfig.of(values);
    }
}
