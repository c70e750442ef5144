package io.alertflow.api.prometheus;

import static io.alertflow.api.PipelineDriver.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.api.ApiServer;
import io.alertflow.api.Health;
import io.alertflow.api.PipelineDriver;
import io.alertflow.api.Placement;
import io.alertflow.api.StateLookup;
import io.alertflow.avro.ActionKind;
import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.IncidentRecord;
import io.alertflow.avro.Severity;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code alertflow_*} metric the Grafana dashboard queries is exported by {@code GET /metrics} once an
 * incident has been acknowledged and resolved. The Kafka client metrics it uses need a real KafkaStreams and
 * are checked by {@code TwoInstancesApiIT}.
 */
class DashboardTest {
    @TempDir
    Path stateDir;

    @Test
    void everyAppMetricOfTheDashboardIsExported() throws Exception {
        Set<String> used = GrafanaDashboard.metricNames();
        Set<String> kafka = new TreeSet<>(used.stream().filter(n -> n.startsWith("kafka_")).toList());
        assertEquals(Set.of("kafka_consumer_fetch_manager_records_lag_max"), kafka, "Kafka metrics are checked by the IT");

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (PipelineDriver p = new PipelineDriver(stateDir, registry, Map.of())) {
            p.send("DBConnectionPoolExhausted", "payments-db", Severity.CRITICAL, AlertStatus.FIRING, t("1m"), t("1m"));
            List<IncidentRecord> incidents = new ArrayList<>();
            p.forEachIncident(incidents::add);
            String id = incidents.get(0).getIncident().getId();
            p.act(id, ActionKind.ACKNOWLEDGE, t("3m"));
            p.act(id, ActionKind.RESOLVE, t("9m"));
            OpenIncidentGauges.register(registry, p, Clock.fixed(t("10m"), ZoneOffset.UTC));
            Health up = new Health() {
                @Override
                public String state() {
                    return "RUNNING";
                }

                @Override
                public boolean ready() {
                    return true;
                }
            };
            try (ApiServer api = ApiServer.start("127.0.0.1", 0, new StateLookup(p, Placement.single(), null), up,
                    registry::scrape, Clock.systemUTC())) {
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + api.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
                Set<String> exported = GrafanaDashboard.exported(r.body());
                Set<String> missing = new TreeSet<>(used);
                missing.removeAll(kafka);
                missing.removeAll(exported);
                assertTrue(missing.isEmpty(), "dashboard queries metrics /metrics does not export: " + missing);
            }
        }
    }
}
