package io.alertflow.reliability.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.reliability.harness.ChildJvm;
import io.alertflow.reliability.harness.GatewayJvm;
import io.alertflow.reliability.harness.LocalSchemaRegistry;
import io.alertflow.reliability.harness.RawAlertsTopic;
import io.alertflow.reliability.harness.TestBroker;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway as a child JVM on a real broker (also a child JVM, so it can be killed and restarted on its log
 * directory): a SIGKILL loses nothing that got a 2xx, a broker outage answers 503 with Retry-After and recovers,
 * and each bad request of the catalogue gets its clear 4xx, leaves the server healthy and forges no log line.
 */
class GatewayFaultsIT {
    private static final String TOKEN = "gw-faults-token-0a1b2c";
    private static final int REQUESTS = 2_000;
    private static final int ALERTS_PER_REQUEST = 2;
    /** A line of the child's log4j2 pattern ({@code child-log4j2.xml}): time, level, logger, message. */
    private static final Pattern LOG_LINE = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (TRACE|DEBUG|INFO |WARN |ERROR|FATAL) \\S+ - .*");

    @TempDir
    static Path dir;
    static TestBroker.Layout layout;
    static ChildJvm broker;
    static LocalSchemaRegistry registry;
    static GatewayJvm gateway;
    static RawAlertsTopic alerts;
    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        layout = TestBroker.Layout.plain(dir.resolve("kafka"));
        broker = startBroker();
        registry = LocalSchemaRegistry.start();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", layout.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("alerts.raw", 1, (short) 1))).all().get();
        }
        alerts = new RawAlertsTopic(Map.of("bootstrap.servers", layout.bootstrapServers()), registry.url(), "alerts.raw");
        gateway = GatewayJvm.start("gateway", dir, Map.of(
                "gateway.auth.token", TOKEN,
                "gateway.read-timeout", "2s",
                "gateway.kafka.delivery-timeout", "3s",
                "gateway.retry-after", "7s",
                "bootstrap.servers", layout.bootstrapServers(),
                "schema.registry.url", registry.url()), http).awaitHealthy(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.stop();
        }
    }

    // ------------------------------------------------------------------ faults

    @Test
    void everythingThatGotA2xxIsInKafkaAfterTheGatewayIsSigkilled() throws Exception {
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < REQUESTS; i++) {
                int n = i;
                senders.submit(() -> {
                    try {
                        if (post("/api/v2/alerts", alertmanagerBody("Kill-" + n, ALERTS_PER_REQUEST, "x")).statusCode() == 200) {
                            acknowledged.add(n);
                        } else {
                            refused.incrementAndGet();
                        }
                    } catch (IOException | InterruptedException refusedAfterTheKill) {
                        // connection refused or reset: not acknowledged, so not promised
                        refused.incrementAndGet();
                    }
                });
                if (i == REQUESTS / 2) {
                    senders.submit(gateway::kill);
                }
            }
        } finally {
            senders.shutdown();
            assertTrue(senders.awaitTermination(3, TimeUnit.MINUTES));
        }
        Map<String, Integer> committed = alerts.countsByAlertname(true);
        Map<String, Integer> uncommitted = alerts.countsByAlertname(false);
        long lost = acknowledged.stream().flatMap(n -> alertnames(n).stream()).filter(a -> !committed.containsKey(a)).count();
        long duplicated = committed.entrySet().stream().filter(e -> e.getKey().startsWith("Kill-") && e.getValue() > 1).count();
        long written = committed.keySet().stream().filter(a -> a.startsWith("Kill-")).count();
        System.out.printf("gateway SIGKILL: %d requests of %d alerts, %d acknowledged (%d alerts), %d refused or cut;"
                        + " %d alerts in Kafka (read_committed %d, read_uncommitted %d); lost %d, duplicated %d%n",
                REQUESTS, ALERTS_PER_REQUEST, acknowledged.size(), acknowledged.size() * ALERTS_PER_REQUEST, refused.get(),
                written, written, uncommitted.keySet().stream().filter(a -> a.startsWith("Kill-")).count(), lost, duplicated);
        assertTrue(acknowledged.size() >= REQUESTS / 4, "requests were acknowledged before the kill: " + acknowledged.size());
        assertTrue(refused.get() > 0, "the kill cut some requests off");
        assertEquals(0, lost, "acknowledged alerts missing from Kafka");
        assertEquals(0, duplicated, "alerts written twice");
        assertEquals(committed.keySet(), uncommitted.keySet(), "the idempotent (non-transactional) producer: both isolation levels agree");
        gateway.restart().awaitHealthy(Duration.ofSeconds(60));
        assertEquals(200, post("/api/v2/alerts", alertmanagerBody("AfterKill", 1, "x")).statusCode(), "a restarted gateway accepts");
    }

    @Test
    void brokerDownAnswers503WithRetryAfterAndAcceptsAgainWhenItIsBack() throws Exception {
        assertEquals(200, post("/api/v2/alerts", alertmanagerBody("BeforeOutage", 1, "x")).statusCode());
        broker.kill();
        try {
            HttpResponse<String> during = post("/api/v2/alerts", alertmanagerBody("DuringOutage", 1, "x"));
            assertEquals(503, during.statusCode(), during.body());
            assertEquals("7", during.headers().firstValue("Retry-After").orElse(null), "Retry-After = gateway.retry-after");
            assertTrue(during.body().contains("\"error\"") && during.body().contains("retry later"), during.body());
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(gateway.uri("/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, health.statusCode(), "/health reports the outage: " + health.body());
        } finally {
            broker = startBroker();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        int status = 0;
        int attempts = 0;
        while (status != 200 && System.nanoTime() < deadline) {
            status = post("/api/v2/alerts", alertmanagerBody("AfterOutage", 1, "x")).statusCode();
            attempts++;
        }
        assertEquals(200, status, "accepts again once the broker is back");
        Map<String, Integer> inKafka = alerts.countsByAlertname(true);
        System.out.printf("gateway, broker SIGKILL + restart: 503 with Retry-After while down; accepted again after %d attempt(s)%n",
                attempts);
        assertTrue(inKafka.containsKey("BeforeOutage-0") && inKafka.containsKey("AfterOutage-0"), inKafka.keySet().toString());
    }

    // ------------------------------------------------------------------ bad input

    @Test
    void invalidJson() throws Exception {
        assertRefused(post("/api/v2/alerts", "[{\"labels\": {"), 400);
    }

    @Test
    void deeplyNestedJson() throws Exception {
        assertRefused(post("/api/alerts", "[".repeat(100_000) + "]".repeat(100_000)), 400);
    }

    @Test
    void tenMegabyteBody() throws Exception {
        // Raw socket: the gateway answers 413 from Content-Length and closes, which a client still writing may see as a reset.
        String status = rawStatusLine("POST /api/v2/alerts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN
                + "\r\nContent-Type: application/json\r\nContent-Length: " + (10 * 1024 * 1024) + "\r\n\r\n", 10 * 1024 * 1024);
        assertTrue(status.startsWith("HTTP/1.1 413"), status);
        assertHealthyAndAccepting("AfterTenMegabytes");
    }

    @Test
    void wrongContentType() throws Exception {
        HttpResponse<String> r = http.send(request("/api/alerts").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertRefused(r, 415);
    }

    @Test
    void slowBodyThatNeverFinishesIsDroppedAfterTheReadTimeout() throws Exception {
        long started = System.nanoTime();
        String status = rawStatusLine("POST /api/v2/alerts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN
                + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n[{\"labels\":", 0);
        long seconds = (System.nanoTime() - started) / 1_000_000_000;
        assertTrue(seconds < 15, "the connection is dropped after the 2 s read timeout, not held: " + seconds + " s");
        assertTrue(status.isEmpty() || status.startsWith("HTTP/1.1 4"), "no 2xx for a body that never finished: " + status);
        System.out.printf("gateway, body that never finishes: answer '%s' after %d s%n", status.isEmpty() ? "(closed)" : status, seconds);
        assertHealthyAndAccepting("AfterSlowBody");
    }

    @Test
    void controlCharactersAndNewlinesInLabelValuesCannotForgeLogLines() throws Exception {
        String forgedJson = "x\\n12:00:00.000 ERROR Forged - admin logged in\\r\\u001b[31m\\u0000";
        String forged = "x\n12:00:00.000 ERROR Forged - admin logged in\r\u001b[31m\u0000";
        HttpResponse<String> accepted = post("/api/v2/alerts", alertmanagerBody("Injected", 1, forgedJson));
        assertEquals(200, accepted.statusCode(), "control characters are legal label values and are kept: " + accepted.body());
        // A refused request logs the offending field: a label *name* carrying the same text must arrive escaped, on one line.
        String badName = "[{\"labels\":{\"alertname\":\"Injected\",\"" + forgedJson + "\":5},\"startsAt\":\"" + Instant.now() + "\"}]";
        assertRefused(post("/api/v2/alerts", badName), 400);
        assertRefused(post("/api/v2/alerts", "[{\"labels\":{\"alertname\":\"" + forgedJson + "\"},\"startsAt\":\"not a time\"}]"), 400);
        assertEquals(forged, alerts.labelValue("Injected-0", "detail"), "the label value reached Kafka unchanged");
        ChildJvm.sleep(300);
        String log = gateway.jvm().log();
        assertFalse(log.contains("\r") || log.contains("\u001b") || log.contains("\u0000"), "raw control characters in the log");
        List<String> lines = log.lines().filter(l -> !l.isBlank()).toList();
        List<String> foreign = lines.stream().filter(l -> !LOG_LINE.matcher(l).matches()).toList();
        assertEquals(List.of(), foreign, "every log line is one log4j event");
        List<String> forgedLines = lines.stream().filter(l -> l.contains("ERROR Forged")).toList();
        assertFalse(forgedLines.isEmpty(), "the refusal was logged with the offending name");
        for (String line : forgedLines) {
            assertTrue(line.contains("x\\n12:00:00.000 ERROR Forged"), "escaped inside the refusal's line: " + line);
        }
        assertFalse(log.contains(TOKEN), "the bearer token is never logged");
    }

    // ------------------------------------------------------------------ helpers

    private static void assertRefused(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"error\""), "a JSON error body: " + r.body());
        assertHealthyAndAccepting("After" + status);
    }

    /** The server survived the bad request: /health is 200 and a good alert is acknowledged. */
    private static void assertHealthyAndAccepting(String alertname) throws Exception {
        assertEquals(200, http.send(HttpRequest.newBuilder(gateway.uri("/health")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode(), "healthy after the bad request");
        assertEquals(200, post("/api/v2/alerts", alertmanagerBody(alertname, 1, "x")).statusCode(), "accepts after the bad request");
    }

    /** Sends {@code head} and then {@code bodyBytes} spaces (from another thread), returns the answer's status line or "" when closed. */
    private static String rawStatusLine(String head, int bodyBytes) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (bodyBytes > 0) {
                Thread writer = new Thread(() -> {
                    byte[] chunk = " ".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
                    try {
                        for (int sent = 0; sent < bodyBytes; sent += chunk.length) {
                            out.write(chunk);
                        }
                    } catch (IOException closedByTheServer) {
                        // expected: the server answered and closed before the body ended
                    }
                }, "raw-body-writer");
                writer.setDaemon(true);
                writer.start();
            }
            return readLine(socket.getInputStream());
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the gateway neither answered nor closed the connection within 20 s", e);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        try {
            for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
                line.append((char) b);
            }
        } catch (java.net.SocketException reset) {
            // connection reset: treated as closed without an answer
        }
        return line.toString().trim();
    }

    private static List<String> alertnames(int request) {
        return java.util.stream.IntStream.range(0, ALERTS_PER_REQUEST).mapToObj(i -> "Kill-" + request + "-" + i).toList();
    }

    /** An Alertmanager API v2 body of {@code count} alerts {@code <prefix>-0 … }, label {@code detail} = {@code value} (JSON text). */
    private static String alertmanagerBody(String prefix, int count, String value) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> "{\"labels\":{\"alertname\":\"" + prefix + "-" + i
                        + "\",\"service\":\"gw\",\"detail\":\"" + value + "\"},\"annotations\":{},\"startsAt\":\"" + Instant.now() + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(gateway.uri(path)).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + TOKEN);
    }

    private static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ChildJvm startBroker() {
        ChildJvm child = TestBroker.startChild(layout, dir.resolve("broker.log"));
        child.awaitLog("BROKER READY", Duration.ofSeconds(60));
        return child;
    }
}
