package io.alertflow.api.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertflow.json.RecordJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The repository's Grafana dashboard, and the metric names its queries use. */
public final class GrafanaDashboard {
    /** From the streams-app module directory (Maven's working directory for tests). */
    public static final Path FILE = Path.of("..", "deploy", "grafana", "alertflow-dashboard.json");
    /** Metric names: the app's and Kafka's; PromQL functions and labels never start with these prefixes. */
    private static final Pattern METRIC = Pattern.compile("\\b((?:alertflow|kafka)_[a-z0-9_]+)\\b");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", Pattern.MULTILINE);

    private GrafanaDashboard() {
    }

    /** Every metric name in every panel query. */
    public static Set<String> metricNames() throws IOException {
        JsonNode dashboard = RecordJson.parse(Files.readAllBytes(FILE));
        Set<String> names = new TreeSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                Matcher m = METRIC.matcher(target.get("expr").asText());
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    /** The names of the samples in a Prometheus text exposition. */
    public static Set<String> exported(String exposition) {
        Set<String> names = new TreeSet<>();
        Matcher m = SAMPLE.matcher(exposition);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
