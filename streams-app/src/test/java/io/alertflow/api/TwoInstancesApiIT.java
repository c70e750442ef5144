package io.alertflow.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertflow.alert.Fingerprint;
import io.alertflow.api.prometheus.GrafanaDashboard;
import io.alertflow.avro.ActionKind;
import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.IncidentAction;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Service;
import io.alertflow.avro.Severity;
import io.alertflow.json.RecordJson;
import io.alertflow.streams.StreamsMain;
import io.alertflow.streams.config.AlertflowConfig;
import io.alertflow.streams.topics.Topics;
import io.alertflow.testing.KafkaTestCluster;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the streams app (same application.id, own API port and state dir) on one real KRaft broker:
 * twelve unrelated services open twelve incidents spread over both instances' partitions, and each instance's
 * API answers for every incident and alert (forwarding to the owner) and lists all of them (fan-out). Also
 * checks that every metric the Grafana dashboard queries, Kafka client metrics included, is exported.
 */
class TwoInstancesApiIT {
    static final int SERVICES = 12;
    static KafkaTestCluster cluster;
    @TempDir
    static Path dirA;
    @TempDir
    static Path dirB;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startBroker() {
        cluster = KafkaTestCluster.start();
    }

    @AfterAll
    static void stopBroker() {
        cluster.close();
    }

    static AlertflowConfig config(String appId, String registry, Path stateDir, int port) {
        Map<String, String> values = new HashMap<>();
        values.put("bootstrap.servers", cluster.bootstrapServers());
        values.put("schema.registry.url", registry);
        values.put("application.id", appId);
        values.put("state.dir", stateDir.toString());
        values.put("timers.interval", "1s");
        values.put("topic.partitions", "4");
        values.put("api.host", "127.0.0.1");
        values.put("api.port", Integer.toString(port));
        values.put("application.server", "127.0.0.1:" + port);
        values.put("kafka.metadata.max.age.ms", "1000");
        return AlertflowConfig.of(values);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void everyIncidentFromEitherInstance() throws Exception {
        String appId = "alertflow-api-it-" + UUID.randomUUID().toString().substring(0, 8);
        String registry = "mock://api-it-" + UUID.randomUUID();
        int portA = freePort();
        int portB = freePort();
        AlertflowConfig cfgA = config(appId, registry, dirA, portA);
        AlertflowConfig cfgB = config(appId, registry, dirB, portB);
        Topics topics = Topics.from(cfgA);
        try (StreamsMain.Running a = StreamsMain.startWithApi(cfgA); StreamsMain.Running b = StreamsMain.startWithApi(cfgB)) {
            await("both instances ready", Duration.ofSeconds(60), () -> status(portA, "/ready") == 200 && status(portB, "/ready") == 200);
            List<String> fingerprints = produceOutage(topics);

            await("all incidents listed by instance A", Duration.ofSeconds(60), () -> total(portA) == SERVICES);
            assertEquals(SERVICES, total(portB), "instance B lists the same incidents (fan-out)");
            int localA = get(portA, "/internal/incidents").get("total").asInt();
            int localB = get(portB, "/internal/incidents").get("total").asInt();
            assertEquals(SERVICES, localA + localB);
            assertTrue(localA > 0 && localB > 0, "incidents spread over both instances: " + localA + " / " + localB);

            List<String> ids = new ArrayList<>();
            get(portA, "/incidents?limit=100").get("incidents").forEach(i -> ids.add(i.get("id").asText()));
            for (String id : ids) {
                for (int port : List.of(portA, portB)) {
                    JsonNode inc = get(port, "/incidents/" + id);
                    assertEquals(id, inc.get("id").asText());
                    assertEquals(1, inc.get("members").size());
                    assertEquals(200, status(port, "/incidents/" + id + "/explain"));
                    assertEquals(200, status(port, "/incidents/" + id + "/postmortem"));
                }
            }
            for (String fp : fingerprints) {
                for (int port : List.of(portA, portB)) {
                    JsonNode e = get(port, "/alerts/" + fp + "/explain");
                    assertTrue(ids.contains(e.get("incidentId").asText()), e.toString());
                    assertTrue(e.get("verdict").asText().startsWith("paged: TRIGGER"), e.toString());
                }
            }
            assertEquals(404, status(portB, "/incidents/INC-unknown"));

            resolveOne(topics, ids.get(0));
            await("TTR of the resolved incident exported", Duration.ofSeconds(30),
                    () -> scrape(portA).contains("alertflow_incident_ttr_seconds_count") || scrape(portB).contains("alertflow_incident_ttr_seconds_count"));
            Set<String> exported = new TreeSet<>(GrafanaDashboard.exported(scrape(portA)));
            exported.addAll(GrafanaDashboard.exported(scrape(portB)));
            Set<String> missing = new TreeSet<>(GrafanaDashboard.metricNames());
            missing.removeAll(exported);
            assertTrue(missing.isEmpty(), "dashboard metrics not exported: " + missing);
            assertEquals(SERVICES, counter(portA, "alertflow_alerts_received_total") + counter(portB, "alertflow_alerts_received_total"),
                    "each notification counted once, by the instance that processed it");
        }
    }

    /** Twelve standalone tier-1 services, one CRITICAL alert each (keyed by fingerprint, as the gateway writes). */
    private List<String> produceOutage(Topics topics) {
        List<ProducerRecord<String, Service>> services = new ArrayList<>();
        List<ProducerRecord<String, RawAlert>> alerts = new ArrayList<>();
        List<String> fingerprints = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < SERVICES; i++) {
            String name = "svc-" + i;
            services.add(new ProducerRecord<>(topics.services().name(), name, Service.newBuilder().setName(name).setTier(1).build()));
            Map<String, String> labels = Map.of("alertname", "Down", "service", name);
            String fp = Fingerprint.of(labels);
            fingerprints.add(fp);
            alerts.add(new ProducerRecord<>(topics.alertsRaw().name(), null, now.toEpochMilli(), fp, RawAlert.newBuilder()
                    .setFingerprint(fp).setSource("prometheus").setStatus(AlertStatus.FIRING).setSeverity(Severity.CRITICAL)
                    .setLabels(labels).setStartsAt(now.minusSeconds(30)).setReceivedAt(now).build()));
        }
        cluster.produce(Serdes.String().serializer(), topics.services().valueSerde().serializer(), services);
        sleep(1000); // let the global service catalogue load first, so priorities use tier 1
        cluster.produce(Serdes.String().serializer(), topics.alertsRaw().valueSerde().serializer(), alerts);
        return fingerprints;
    }

    private void resolveOne(Topics topics, String id) {
        Instant now = Instant.now();
        cluster.produce(Serdes.String().serializer(), topics.incidentActions().valueSerde().serializer(), List.of(
                new ProducerRecord<>(topics.incidentActions().name(), id, IncidentAction.newBuilder().setIncidentId(id)
                        .setAction(ActionKind.ACKNOWLEDGE).setActor("it").setAt(now).build()),
                new ProducerRecord<>(topics.incidentActions().name(), id, IncidentAction.newBuilder().setIncidentId(id)
                        .setAction(ActionKind.RESOLVE).setActor("it").setAt(now.plusSeconds(1)).build())));
    }

    private int total(int port) {
        try {
            return get(port, "/incidents").get("total").asInt();
        } catch (AssertionError | Exception e) {
            return -1;
        }
    }

    private long counter(int port, String name) throws Exception {
        for (String line : scrape(port).split("\n")) {
            if (line.startsWith(name + " ")) {
                return (long) Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        return 0;
    }

    private String scrape(int port) {
        try {
            return send(port, "/metrics").body();
        } catch (Exception e) {
            return "";
        }
    }

    private JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> r = send(port, path);
        assertEquals(200, r.statusCode(), path + " on " + port + ": " + r.body());
        return RecordJson.parse(r.body());
    }

    private int status(int port, String path) {
        try {
            return send(port, path).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private HttpResponse<String> send(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            sleep(250);
        }
        throw new AssertionError("timed out waiting for: " + what);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
