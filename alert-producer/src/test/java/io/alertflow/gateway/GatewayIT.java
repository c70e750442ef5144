package io.alertflow.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertflow.alert.Fingerprint;
import io.alertflow.avro.ActionKind;
import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.IncidentAction;
import io.alertflow.avro.MaintenanceWindow;
import io.alertflow.avro.RawAlert;
import io.alertflow.json.RecordJson;
import io.alertflow.serde.ConfluentAvroDeserializer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway over HTTP on a real single-node KRaft broker with an in-memory (mock://) schema registry. */
class GatewayIT {
    static final String REGISTRY = "mock://gateway-it";
    static final String TOKEN = "t0k3n-for-tests";

    static KafkaClusterTestKit cluster;
    static GatewayServer gateway;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startBrokerAndGateway() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
                .setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("num.partitions", "2")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        gateway = GatewayServer.start(GatewayConfig.of(Map.of(
                GatewayConfig.PORT, "0",
                GatewayConfig.HOST, "127.0.0.1",
                GatewayConfig.BOOTSTRAP_SERVERS, cluster.bootstrapServers(),
                GatewayConfig.SCHEMA_REGISTRY_URL, REGISTRY,
                GatewayConfig.AUTH_TOKEN, TOKEN,
                GatewayConfig.PAGERDUTY_ROUTING_KEYS, "rk-1",
                GatewayConfig.MAX_BODY_BYTES, "65536")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    // ---- accepted requests land in Kafka ---------------------------------------------------------

    @Test
    void shouldWriteEveryAlertOfAnAlertmanagerRequestBeforeAnswering200() throws Exception {
        String body = """
                [{"labels":{"alertname":"HighErrorRate","service":"payments-api","severity":"critical"},
                  "annotations":{"summary":"5xx"},"startsAt":"%s","endsAt":"2999-01-01T00:00:00Z","generatorURL":"http://prom/g"},
                 {"labels":{"alertname":"DBPool","service":"payments-db"},"startsAt":"%s","endsAt":"%s"}]
                """.formatted(Instant.now().minusSeconds(60), Instant.now().minusSeconds(120), Instant.now().minusSeconds(30));
        HttpResponse<String> response = post("/api/v2/alerts", body, true);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("", response.body());

        String firing = Fingerprint.of(Map.of("alertname", "HighErrorRate", "service", "payments-api", "severity", "critical"));
        String resolved = Fingerprint.of(Map.of("alertname", "DBPool", "service", "payments-db"));
        List<ConsumerRecord<String, RawAlert>> records = consume("alerts.raw", RawAlert.class,
                r -> r.key().equals(firing) || r.key().equals(resolved), 2);
        Map<String, ConsumerRecord<String, RawAlert>> byKey = new HashMap<>();
        records.forEach(r -> byKey.put(r.key(), r));
        RawAlert first = byKey.get(firing).value();
        assertEquals(AlertStatus.FIRING, first.getStatus());
        assertEquals("5xx", first.getAnnotations().get("summary"));
        assertEquals(first.getReceivedAt().toEpochMilli(), byKey.get(firing).timestamp(), "record timestamp = receivedAt");
        assertEquals(AlertStatus.RESOLVED, byKey.get(resolved).value().getStatus());
    }

    @Test
    void shouldTurnAPagerDutyAcknowledgeIntoAnIncidentAction() throws Exception {
        HttpResponse<String> response = post("/v2/enqueue",
                "{\"routing_key\":\"rk-1\",\"event_action\":\"acknowledge\",\"dedup_key\":\"pd-ack-it\"}", false);
        assertEquals(202, response.statusCode(), response.body());
        JsonNode answer = RecordJson.parse(response.body());
        assertEquals("success", answer.get("status").textValue());
        assertEquals("pd-ack-it", answer.get("dedup_key").textValue());
        IncidentAction action = consume("incident.actions", IncidentAction.class, r -> "pd-ack-it".equals(r.key()), 1).get(0).value();
        assertEquals("pd-ack-it", action.getFingerprint());
        assertEquals(ActionKind.ACKNOWLEDGE, action.getAction());
        assertNull(action.getIncidentId());
    }

    @Test
    void shouldWriteAWindowAndATombstoneWhenItIsDeleted() throws Exception {
        String window = "{\"name\":\"db upgrade\",\"matchers\":[{\"label\":\"service\",\"op\":\"=\",\"value\":\"payments-db\"}],"
                + "\"startsAt\":\"2024-05-01T00:00:00Z\",\"endsAt\":\"2030-05-01T02:00:00Z\"}";
        assertEquals(200, send("PUT", "/api/maintenance-windows/w-it", window, "application/json", TOKEN).statusCode());
        assertEquals(200, send("DELETE", "/api/maintenance-windows/w-it", "", null, TOKEN).statusCode());
        List<ConsumerRecord<String, MaintenanceWindow>> records = consume("maintenance.windows", MaintenanceWindow.class,
                r -> "w-it".equals(r.key()), 2);
        assertEquals("db upgrade", records.get(0).value().getName());
        assertNull(records.get(1).value(), "DELETE writes a tombstone");
    }

    @Test
    void shouldAnswerHealthAndMetrics() throws Exception {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(gateway.uri().resolve("/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(gateway.uri().resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode());
    }

    // ---- refused requests ------------------------------------------------------------------------

    @Test
    void shouldAnswer400NamingTheFieldForAnAlertWithoutAlertname() throws Exception {
        HttpResponse<String> response = post("/api/v2/alerts", "[{\"labels\":{\"service\":\"x\"}}]", true);
        assertEquals(400, response.statusCode());
        JsonNode error = RecordJson.parse(response.body());
        assertEquals("[0].labels.alertname", error.get("field").textValue());
        assertTrue(error.get("error").textValue().contains("alertname"));
    }

    @Test
    void shouldAnswer400ForInvalidAndDeeplyNestedJson() throws Exception {
        assertEquals(400, post("/api/alerts", "{\"source\":", true).statusCode());
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertEquals(400, post("/api/alerts", deep, true).statusCode());
    }

    @Test
    void shouldAnswer400InPagerDutysShape() throws Exception {
        HttpResponse<String> response = post("/v2/enqueue", "{\"routing_key\":\"rk-1\",\"event_action\":\"trigger\"}", false);
        assertEquals(400, response.statusCode());
        JsonNode error = RecordJson.parse(response.body());
        assertEquals("invalid event", error.get("status").textValue());
        assertEquals("Event object is invalid", error.get("message").textValue());
        assertTrue(error.get("errors").get(0).textValue().contains("payload"));
    }

    @Test
    void shouldAnswer401ForAMissingOrWrongTokenOrRoutingKey() throws Exception {
        assertEquals(401, post("/api/v2/alerts", "[]", false).statusCode());
        assertEquals(401, send("POST", "/api/v2/alerts", "[]", "application/json", "wrong").statusCode());
        assertEquals(200, post("/api/v2/alerts", "[]", true).statusCode());
        assertEquals(401, post("/v2/enqueue", "{\"routing_key\":\"rk-2\",\"event_action\":\"acknowledge\",\"dedup_key\":\"k\"}", false)
                .statusCode());
    }

    @Test
    void shouldAnswer413ForABodyOverTheLimitWithAndWithoutContentLength() throws Exception {
        String big = "[" + "{\"labels\":{\"alertname\":\"A\"}},".repeat(3000) + "{}]";
        assertEquals(413, post("/api/v2/alerts", big, true).statusCode());
        HttpRequest chunked = HttpRequest.newBuilder(gateway.uri().resolve("/api/v2/alerts"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .build();
        assertEquals(413, http.send(chunked, HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void shouldAnswer415ForAnotherContentType() throws Exception {
        assertEquals(415, send("POST", "/api/v2/alerts", "[]", "text/plain", TOKEN).statusCode());
    }

    @Test
    void shouldCloseTheConnectionOfASlowBodyWithoutWritingAnything() throws Exception {
        // A gateway of its own: a 1 s read timeout also closes idle keep-alive connections after 1 s, and the shared
        // client could pick such a connection from its pool just as the shared gateway closed it (a flaky IOException).
        try (GatewayServer slow = GatewayServer.start(GatewayConfig.of(Map.of(
                GatewayConfig.PORT, "0",
                GatewayConfig.HOST, "127.0.0.1",
                GatewayConfig.BOOTSTRAP_SERVERS, cluster.bootstrapServers(),
                GatewayConfig.SCHEMA_REGISTRY_URL, REGISTRY,
                GatewayConfig.AUTH_TOKEN, TOKEN,
                GatewayConfig.READ_TIMEOUT, "1s")));
             Socket socket = new Socket("127.0.0.1", slow.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v2/alerts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nContent-Length: 100\r\n\r\n[{\"labels\":").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long start = System.nanoTime();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[1024];
            int n = in.read(buffer);
            long waitedMs = (System.nanoTime() - start) / 1_000_000;
            String answer = n < 0 ? "" : new String(buffer, 0, n, StandardCharsets.US_ASCII);
            assertTrue(n < 0 || answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(waitedMs < 9_000, "the read timeout (1 s) ended the request, waited " + waitedMs + " ms");
        }
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenKafkaIsUnreachable() throws Exception {
        try (GatewayServer cut = GatewayServer.start(GatewayConfig.of(Map.of(
                GatewayConfig.PORT, "0",
                GatewayConfig.HOST, "127.0.0.1",
                GatewayConfig.BOOTSTRAP_SERVERS, "127.0.0.1:1",
                GatewayConfig.SCHEMA_REGISTRY_URL, REGISTRY,
                GatewayConfig.DELIVERY_TIMEOUT, "1500ms",
                GatewayConfig.HEALTH_TIMEOUT, "500ms")))) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(cut.uri().resolve("/api/v2/alerts"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("[{\"labels\":{\"alertname\":\"A\"}}]")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, response.statusCode(), response.body());
            assertEquals("5", response.headers().firstValue("Retry-After").orElse(null));
            assertNotNull(RecordJson.parse(response.body()).get("error"));
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(cut.uri().resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, health.statusCode());
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    static HttpResponse<String> post(String path, String body, boolean withToken) throws Exception {
        return send("POST", path, body, "application/json", withToken ? TOKEN : null);
    }

    static HttpResponse<String> send(String method, String path, String body, String contentType, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri().resolve(path)).timeout(Duration.ofSeconds(20))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Reads the topic from the beginning until {@code count} records match, in offset order per partition. */
    static <T extends SpecificRecord> List<ConsumerRecord<String, T>> consume(String topic, Class<T> type,
            Predicate<ConsumerRecord<String, T>> wanted, int count) {
        ConfluentAvroDeserializer<T> deserializer = new ConfluentAvroDeserializer<>(type);
        deserializer.configure(Map.of(GatewayConfig.SCHEMA_REGISTRY_URL, REGISTRY), false);
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        List<ConsumerRecord<String, T>> found = new ArrayList<>();
        try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(props, new StringDeserializer(), deserializer)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.currentTimeMillis() + 15_000;
            while (found.size() < count && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.key() != null && wanted.test(r)) {
                        found.add(r);
                    }
                });
            }
        }
        assertEquals(count, found.size(), "records found on " + topic);
        return found;
    }
}
