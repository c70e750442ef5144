package io.alertflow.reliability.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Severity;
import io.alertflow.reliability.harness.ChildJvm;
import io.alertflow.reliability.harness.GatewayJvm;
import io.alertflow.reliability.harness.LocalSchemaRegistry;
import io.alertflow.reliability.harness.RawAlertsTopic;
import io.alertflow.reliability.harness.SelfSignedKeystore;
import io.alertflow.reliability.harness.StreamsRun;
import io.alertflow.reliability.harness.TestBroker;
import io.alertflow.reliability.harness.WireFrames;
import io.alertflow.serde.ConfluentAvroSerde;
import io.alertflow.serde.SchemaRegistryClients;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secured deployment end to end, everything a real process: a broker whose clients connect over
 * SASL_PLAINTEXT (PLAIN), a schema registry that requires basic auth, the gateway over HTTPS with a bearer token
 * and PagerDuty routing keys, and the streams app with its query API. Right credentials work; a wrong SASL or
 * registry password fails clearly (and loses nothing it acknowledged); no secret appears in any log or /metrics.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityIT {
    static final String TOKEN = "sec-gw-token-7f3e9a";
    static final String ROUTING_KEY = "sec-rk-5d2c8b";
    static final String SASL_USER = "alertflow";
    static final String SASL_PASSWORD = "sasl-pw-4e8d1f";
    static final String REGISTRY_USER = "registry";
    static final String REGISTRY_PASSWORD = "reg-pw-9c7a2b";
    static final String KEYSTORE_PASSWORD = "ks-pw-3b6f0e";
    /** Every secret of the deployment; the wrong passwords contain the right ones, so logging them would show. */
    static final List<String> SECRETS = List.of(TOKEN, ROUTING_KEY, SASL_PASSWORD, REGISTRY_PASSWORD, KEYSTORE_PASSWORD,
            Base64.getEncoder().encodeToString((REGISTRY_USER + ":" + REGISTRY_PASSWORD).getBytes(StandardCharsets.UTF_8)));

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;
    static TestBroker broker;
    static LocalSchemaRegistry registry;
    static SelfSignedKeystore keystore;
    static HttpClient http;
    static StreamsRun run;
    static ChildJvm streams;
    static int apiPort;
    static GatewayJvm gateway;
    /** Deployments started with a wrong password, side by side with the good ones (their start-up overlaps). */
    static GatewayJvm gatewayWrongSasl;
    static GatewayJvm gatewayWrongRegistry;
    static StreamsRun runWrongSasl;
    static ChildJvm streamsWrongSasl;
    static StreamsRun runWrongRegistry;
    static ChildJvm streamsWrongRegistry;

    @BeforeAll
    static void start() {
        broker = TestBroker.start(TestBroker.Layout.withSasl(dir.resolve("kafka"), SASL_USER, SASL_PASSWORD));
        registry = LocalSchemaRegistry.start(REGISTRY_USER + ":" + REGISTRY_PASSWORD);
        keystore = SelfSignedKeystore.generate(dir.resolve("gateway.p12"), KEYSTORE_PASSWORD);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(keystore.clientContext())
                .connectTimeout(Duration.ofSeconds(5)).build();

        apiPort = TestBroker.freePort();
        Map<String, String> api = Map.of("api.enabled", "true", "api.host", "127.0.0.1", "api.port", String.valueOf(apiPort));
        run = streamsRun("secure", secured(SASL_PASSWORD, REGISTRY_PASSWORD), api);
        run.createTopics();
        streams = run.startInstance();
        gateway = GatewayJvm.start("gateway", dir, gatewaySettings(run, secured(SASL_PASSWORD, REGISTRY_PASSWORD), true), http);

        runWrongSasl = streamsRun("wrong-sasl", secured(SASL_PASSWORD + "-wrong", REGISTRY_PASSWORD), Map.of());
        streamsWrongSasl = runWrongSasl.startInstance();
        gatewayWrongSasl = GatewayJvm.start("gateway-wrong-sasl", dir,
                gatewaySettings(run, secured(SASL_PASSWORD + "-wrong", REGISTRY_PASSWORD), false), http);
        gatewayWrongRegistry = GatewayJvm.start("gateway-wrong-registry", dir,
                gatewaySettings(run, secured(SASL_PASSWORD, REGISTRY_PASSWORD + "-wrong"), false), http);
        runWrongRegistry = streamsRun("wrong-registry", secured(SASL_PASSWORD, REGISTRY_PASSWORD + "-wrong"), Map.of());
        runWrongRegistry.createTopics();
        writeOneAlert(runWrongRegistry.topics().alertsRaw().name(), "BeforeWrongRegistryPassword");
        streamsWrongRegistry = runWrongRegistry.startInstance();

        gateway.awaitHealthy(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {gateway, gatewayWrongSasl, gatewayWrongRegistry, streams, streamsWrongSasl,
                streamsWrongRegistry, registry, broker}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                System.err.println("closing " + c + ": " + e);
            }
        }
    }

    // ------------------------------------------------------------------ gateway authentication and TLS

    @Test
    @Order(1)
    void aMissingOrWrongBearerTokenGets401AndTheRightOnePasses() throws Exception {
        String body = alertmanagerBody("TokenCheck", "secure-svc");
        HttpResponse<String> missing = post("/api/v2/alerts", body, null);
        assertEquals(401, missing.statusCode(), missing.body());
        assertEquals("Bearer", missing.headers().firstValue("WWW-Authenticate").orElse(null));
        assertEquals(401, post("/api/v2/alerts", body, TOKEN + "-wrong").statusCode(), "a longer token that starts with the right one");
        assertEquals(401, post("/api/v2/alerts", body, TOKEN.substring(0, TOKEN.length() - 1) + "X").statusCode(),
                "same length, last character wrong");
        assertEquals(401, post("/api/v2/alerts", body, "").statusCode(), "empty token");
        HttpResponse<String> basic = http.send(HttpRequest.newBuilder(gateway.uri("/api/v2/alerts"))
                .header("Content-Type", "application/json").header("Authorization", "Basic " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, basic.statusCode(), "the token under another scheme");
        assertEquals(200, post("/api/v2/alerts", body, TOKEN).statusCode(), "the right token");
    }

    @Test
    @Order(2)
    void pagerDutyEndpointsAcceptOnlyAConfiguredRoutingKey() throws Exception {
        assertEquals(401, post("/v2/enqueue", pagerDutyBody(ROUTING_KEY + "-wrong"), null).statusCode());
        assertEquals(401, post("/v2/enqueue", pagerDutyBody("R" + ROUTING_KEY.substring(1)), null).statusCode());
        HttpResponse<String> right = post("/v2/enqueue", pagerDutyBody(ROUTING_KEY), null);
        assertEquals(202, right.statusCode(), right.body());
        assertTrue(right.body().contains("\"success\""), right.body());
    }

    @Test
    @Order(3)
    void theGatewayServesHttpsOnlyWithTheConfiguredCertificate() throws Exception {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(gateway.uri("/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
        assertEquals("https", health.uri().getScheme());
        assertTrue(health.sslSession().isPresent(), "answered over TLS");
        URI plain = URI.create("http://127.0.0.1:" + gateway.port() + "/health");
        assertThrows(IOException.class, () -> http.send(HttpRequest.newBuilder(plain).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()), "plain HTTP on the TLS port");
        HttpClient trustsNothing = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        assertThrows(IOException.class, () -> trustsNothing.send(HttpRequest.newBuilder(gateway.uri("/health")).build(),
                HttpResponse.BodyHandlers.ofString()), "a client that does not trust the certificate refuses it");
        assertTrue(gateway.jvm().log().contains("gateway listening on https://"), gateway.jvm().tail());
    }

    // ------------------------------------------------------------------ Kafka SASL and registry basic auth

    @Test
    @Order(4)
    void anAlertCrossesGatewayAndStreamsAppThroughSaslAndRegistryBasicAuth() throws Exception {
        // The registry answers 401 without the right basic auth, so every schema the gateway registered and the
        // streams app fetched went through USER_INFO credentials.
        assertEquals(200, post("/api/v2/alerts", alertmanagerBody("SecurePathAlert", "secure-path"), TOKEN).statusCode());
        String incidents = awaitApi("/incidents", "SecurePathAlert on secure-path", Duration.ofSeconds(60));
        assertTrue(incidents.contains("\"services\":[\"secure-path\"]"), incidents);
        assertTrue(registry.requests() > 0, "the registry was used");
        List<RawAlert> written = new RawAlertsTopic(new HashMap<>(clientSettings(SASL_PASSWORD)), registryAuth(REGISTRY_PASSWORD),
                run.topics().alertsRaw().name()).readAll(true);
        assertTrue(written.stream().anyMatch(a -> "SecurePathAlert".equals(a.getLabels().get("alertname"))),
                "read back over SASL with registry basic auth");
    }

    @Test
    @Order(5)
    void aWrongSaslPasswordFailsClearly() throws Exception {
        Integer exit = streamsWrongSasl.awaitExit(Duration.ofSeconds(90));
        String streamsLog = streamsWrongSasl.log();
        assertNotNull(exit, "the streams app with a wrong SASL password keeps running:\n" + streamsWrongSasl.tail());
        assertNotEquals(0, exit, "exits non-zero so a supervisor notices");
        assertTrue(streamsLog.contains("Authentication failed"), "names the cause:\n" + streamsWrongSasl.tail());

        gatewayWrongSasl.awaitListening(Duration.ofSeconds(60));
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(gatewayWrongSasl.uri("/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(503, health.statusCode(), health.body());
        assertTrue(health.body().contains("Authentication failed"), "/health names the cause: " + health.body());
        HttpResponse<String> post = post(gatewayWrongSasl, "/api/v2/alerts", alertmanagerBody("NotWritten", "secure-svc"), TOKEN);
        assertEquals(503, post.statusCode(), "not acknowledged: " + post.body());
        assertTrue(post.headers().firstValue("Retry-After").isPresent());
        System.out.printf("wrong SASL password: streams app exit %d; gateway /health 503 (%s); POST 503 (%s)%n", exit,
                health.body(), post.body());
    }

    @Test
    @Order(6)
    void aWrongRegistryPasswordFailsClearlyAndDeadLettersNothing() throws Exception {
        gatewayWrongRegistry.awaitHealthy(Duration.ofSeconds(60));
        HttpResponse<String> post = post(gatewayWrongRegistry, "/api/v2/alerts", alertmanagerBody("NotRegistered", "secure-svc"), TOKEN);
        assertEquals(503, post.statusCode(), "not acknowledged: " + post.body());
        assertTrue(post.body().contains("401"), "the answer names the registry's refusal: " + post.body());

        Integer exit = streamsWrongRegistry.awaitExit(Duration.ofSeconds(90));
        assertNotNull(exit, "the streams app with a wrong registry password keeps running:\n" + streamsWrongRegistry.tail());
        assertNotEquals(0, exit);
        String log = streamsWrongRegistry.log();
        assertTrue(log.contains("HTTP 401") && log.contains("check basic.auth.user.info"),
                "names the registry's refusal:\n" + streamsWrongRegistry.tail());
        assertFalse(log.contains("dead-lettered"), "a refused credential is not treated as a bad record:\n" + streamsWrongRegistry.tail());
        int letters = countRecords(runWrongRegistry.topics().alertsDlq().name());
        assertEquals(0, letters, "a registry that refuses the credentials is not bad input: nothing dead-lettered");
        System.out.printf("wrong registry password: gateway 503 (%s); streams app exit %d, %d dead letters%n", post.body(), exit,
                letters);
    }

    // ------------------------------------------------------------------ secrets

    @Test
    @Order(7)
    void noSecretAppearsInAnyLogOrMetricsPage() throws Exception {
        String streamsMetrics = get(URI.create("http://127.0.0.1:" + apiPort + "/metrics"));
        String gatewayMetrics = get(gateway.uri("/metrics"));
        assertTrue(streamsMetrics.contains("alertflow_"), "the streams app's metrics page has content");
        assertTrue(gatewayMetrics.contains("# TYPE"), "the gateway's metrics page has content");
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("streams app log", streams.log());
        texts.put("gateway log", gateway.jvm().log());
        texts.put("gateway (wrong SASL password) log", gatewayWrongSasl.jvm().log());
        texts.put("gateway (wrong registry password) log", gatewayWrongRegistry.jvm().log());
        texts.put("streams app (wrong SASL password) log", streamsWrongSasl.log());
        texts.put("streams app (wrong registry password) log", streamsWrongRegistry.log());
        texts.put("streams app GET /metrics", streamsMetrics);
        texts.put("gateway GET /metrics", gatewayMetrics);
        assertTrue(texts.get("streams app log").contains("starting Alertflow streams"), "the start-up summary is logged (and checked)");
        List<String> leaks = new ArrayList<>();
        texts.forEach((where, text) -> SECRETS.stream().filter(text::contains).forEach(s -> leaks.add(where + " contains " + s)));
        int lines = texts.values().stream().mapToInt(t -> (int) t.lines().count()).sum();
        System.out.printf("secrets: %d secrets checked in %d texts (%d lines, %d bytes); leaks %d%n", SECRETS.size(), texts.size(),
                lines, texts.values().stream().mapToInt(String::length).sum(), leaks.size());
        assertEquals(List.of(), leaks);
    }

    /**
     * The case the registry 401 fix is for: the app has already registered (and cached) the DeadLetter schema, the
     * credentials are then revoked, and a good alert arrives with a schema id the app has not seen. It must fail
     * loudly (and be restarted with the new credentials) instead of dead-lettering the good alert as unreadable.
     */
    @Test
    @Order(8)
    void credentialsRevokedMidRunFailTheStreamsAppInsteadOfDeadLetteringGoodAlerts() throws Exception {
        String raw = run.topics().alertsRaw().name();
        String dlq = run.topics().alertsDlq().name();
        sendBytes(raw, "not avro".getBytes(StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (countRecords(dlq) < 1 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(1, countRecords(dlq), "the garbage record is dead-lettered: the DeadLetter schema is now cached");
        Schema evolved = WireFrames.evolvedRawAlert();
        int id = SchemaRegistryClients.fromConfig(registryAuth(REGISTRY_PASSWORD)).register(raw + "-value", evolved);
        registry.requireUserInfo(REGISTRY_USER + ":rotated-password");
        sendBytes(raw, WireFrames.frame(id, evolved, WireFrames.generic(evolved, alert("AfterRevocation"))));

        Integer exit = streams.awaitExit(Duration.ofSeconds(60));
        assertNotNull(exit, "the streams app keeps running after its registry credentials were revoked:\n" + streams.tail());
        assertNotEquals(0, exit);
        assertEquals(1, countRecords(dlq), "the good alert is not dead-lettered");
        assertTrue(streams.log().contains("check basic.auth.user.info"), streams.tail());
        assertTrue(SECRETS.stream().noneMatch(streams.log()::contains), "no secret in the failing app's log");
        System.out.printf("registry credentials revoked mid-run: streams app exit %d, dead letters still 1 (the garbage record)%n", exit);
    }

    static void sendBytes(String topic, byte[] value) throws Exception {
        Map<String, Object> c = clientSettings(SASL_PASSWORD);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(c, Serdes.ByteArray().serializer(),
                Serdes.ByteArray().serializer())) {
            producer.send(new ProducerRecord<>(topic, null, System.currentTimeMillis(), null, value)).get();
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The {@code kafka.*} and registry settings of a client that logs in with these passwords. */
    static Map<String, String> secured(String saslPassword, String registryPassword) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("kafka.security.protocol", "SASL_PLAINTEXT");
        s.put("kafka.sasl.mechanism", "PLAIN");
        s.put("kafka.sasl.jaas.config", jaas(saslPassword));
        s.put("basic.auth.credentials.source", "USER_INFO");
        s.put("basic.auth.user.info", REGISTRY_USER + ":" + registryPassword);
        s.put("schema.registry.max.retries", "1");
        return s;
    }

    static String jaas(String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + SASL_USER + "\" password=\""
                + password + "\";";
    }

    static StreamsRun streamsRun(String name, Map<String, String> security, Map<String, String> extra) {
        Map<String, String> s = new LinkedHashMap<>(security);
        s.putAll(extra);
        return StreamsRun.create(name, dir, broker.layout().saslBootstrapServers(), registry.url(), s);
    }

    static Map<String, String> gatewaySettings(StreamsRun target, Map<String, String> security, boolean tls) {
        Map<String, String> s = new LinkedHashMap<>(security);
        s.put("bootstrap.servers", broker.layout().saslBootstrapServers());
        s.put("schema.registry.url", registry.url());
        s.put("topic.alerts.raw", target.topics().alertsRaw().name());
        s.put("topic.incident.actions", target.topics().incidentActions().name());
        s.put("gateway.auth.token", TOKEN);
        s.put("gateway.pagerduty.routing-keys", ROUTING_KEY + ",another-key");
        s.put("gateway.kafka.delivery-timeout", "5s");
        if (tls) {
            s.put("gateway.tls.keystore", keystore.path().toString());
            s.put("gateway.tls.keystore-password", KEYSTORE_PASSWORD);
        }
        return s;
    }

    static Map<String, Object> clientSettings(String saslPassword) {
        Map<String, Object> c = new HashMap<>();
        c.put("bootstrap.servers", broker.layout().saslBootstrapServers());
        c.put("security.protocol", "SASL_PLAINTEXT");
        c.put("sasl.mechanism", "PLAIN");
        c.put("sasl.jaas.config", jaas(saslPassword));
        return c;
    }

    static Map<String, Object> registryAuth(String password) {
        return Map.of("schema.registry.url", registry.url(), "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", REGISTRY_USER + ":" + password);
    }

    /** Writes one valid alert with the right credentials, for an app that will read it with wrong ones. */
    static void writeOneAlert(String topic, String alertname) {
        Map<String, Object> c = clientSettings(SASL_PASSWORD);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        RawAlert alert = alert(alertname);
        try (ConfluentAvroSerde<RawAlert> serde = new ConfluentAvroSerde<>(RawAlert.class, registryAuth(REGISTRY_PASSWORD), false);
             KafkaProducer<String, RawAlert> producer = new KafkaProducer<>(c, Serdes.String().serializer(), serde.serializer())) {
            producer.send(new ProducerRecord<>(topic, null, alert.getReceivedAt().toEpochMilli(), null, alert)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the alert", e);
        }
    }

    static RawAlert alert(String alertname) {
        Instant now = Instant.now();
        return RawAlert.newBuilder().setFingerprint(null).setSource("test").setStatus(AlertStatus.FIRING)
                .setSeverity(Severity.CRITICAL).setLabels(Map.of("alertname", alertname, "service", "secure-svc"))
                .setAnnotations(Map.of()).setStartsAt(now).setEndsAt(null).setReceivedAt(now).setGeneratorUrl(null).setValue(null)
                .build();
    }

    /** Records on a topic, read with read_committed (end offsets would also count transaction markers). */
    static int countRecords(String topic) {
        Map<String, Object> c = clientSettings(SASL_PASSWORD);
        c.put("isolation.level", "read_committed");
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(c,
                Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer())) {
            var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            int count = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                count += consumer.poll(Duration.ofMillis(200)).count();
            }
            return count;
        }
    }

    static String alertmanagerBody(String alertname, String service) {
        return "[{\"labels\":{\"alertname\":\"" + alertname + "\",\"service\":\"" + service + "\",\"severity\":\"critical\"},"
                + "\"annotations\":{},\"startsAt\":\"" + Instant.now() + "\"}]";
    }

    static String pagerDutyBody(String routingKey) {
        return "{\"routing_key\":\"" + routingKey + "\",\"event_action\":\"trigger\",\"payload\":{\"summary\":\"disk full\","
                + "\"source\":\"secure-host\",\"severity\":\"critical\"}}";
    }

    static HttpResponse<String> post(String path, String body, String token) throws IOException, InterruptedException {
        return post(gateway, path, body, token);
    }

    static HttpResponse<String> post(GatewayJvm to, String path, String body, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(to.uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), uri + ": " + r.body());
        return r.body();
    }

    /** Polls the streams app's API until the answer contains {@code text}. */
    static String awaitApi(String path, String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!streams.isAlive()) {
                throw new AssertionError("the streams app died:\n" + streams.tail());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                last = r.statusCode() + " " + r.body();
                if (r.statusCode() == 200 && r.body().contains(text)) {
                    return r.body();
                }
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(300);
        }
        throw new AssertionError(path + " never contained " + text + "; last answer: " + last + "\n" + streams.tail());
    }
}
