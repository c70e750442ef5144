package io.alertflow.api;

import static io.alertflow.api.PipelineDriver.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertflow.alert.Fingerprint;
import io.alertflow.api.prometheus.OpenIncidentGauges;
import io.alertflow.avro.ActionKind;
import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.IncidentRecord;
import io.alertflow.avro.Severity;
import io.alertflow.json.RecordJson;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The API over real HTTP, served from the whole topology on a TopologyTestDriver after a small outage: a
 * database incident with a joined API alert (acknowledged), a P5 incident that pages nobody, and an alert held
 * by a maintenance window.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiServerTest {
    static final String DB = Fingerprint.of(Map.of("alertname", "DBConnectionPoolExhausted", "service", "payments-db"));
    static final String CHECKOUT = Fingerprint.of(Map.of("alertname", "HighErrorRate", "service", "checkout"));
    static final String REPORTS = Fingerprint.of(Map.of("alertname", "SlowReport", "service", "reports"));

    @TempDir
    static Path stateDir;
    PipelineDriver p;
    PrometheusMeterRegistry registry;
    ApiServer api;
    final HttpClient http = HttpClient.newHttpClient();
    String dbIncident;
    String reportsIncident;
    String health = "RUNNING";

    @BeforeAll
    void start() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        p = new PipelineDriver(stateDir, registry, Map.of());
        p.window("mw-1", "checkout db migration", "checkout", t("0s"), t("30m"));
        for (Instant at = t("1m"); at.isBefore(t("6m")); at = at.plusSeconds(30)) {
            p.send("DBConnectionPoolExhausted", "payments-db", Severity.CRITICAL, AlertStatus.FIRING, t("1m"), at);
        }
        p.send("HighLatency", "payments-api", Severity.ERROR, AlertStatus.FIRING, t("2m"), t("6m"));
        p.send("SlowReport", "reports", Severity.WARNING, AlertStatus.FIRING, t("3m"), t("6m"));
        p.send("HighErrorRate", "checkout", Severity.ERROR, AlertStatus.FIRING, t("4m"), t("6m"));
        List<IncidentRecord> incidents = new ArrayList<>();
        p.forEachIncident(incidents::add);
        dbIncident = incidents.stream().filter(r -> r.getIncident().getServices().contains("payments-db")).findFirst().orElseThrow()
                .getIncident().getId();
        reportsIncident = incidents.stream().filter(r -> r.getIncident().getServices().contains("reports")).findFirst().orElseThrow()
                .getIncident().getId();
        p.act(dbIncident, ActionKind.ACKNOWLEDGE, t("6m30s"));
        Clock clock = Clock.fixed(t("7m"), ZoneOffset.UTC);
        OpenIncidentGauges.register(registry, p, clock);
        Health h = new Health() {
            @Override
            public String state() {
                return health;
            }

            @Override
            public boolean ready() {
                return health.equals("RUNNING");
            }
        };
        api = ApiServer.start("127.0.0.1", 0, new StateLookup(p, Placement.single(), null), h, registry::scrape, clock);
    }

    @AfterAll
    void stop() {
        api.close();
        p.close();
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String path, int status) throws Exception {
        HttpResponse<String> r = get(path);
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        return RecordJson.parse(r.body());
    }

    static Stream<Arguments> statuses() {
        return Stream.of(
                Arguments.of("list", "/incidents", 200),
                Arguments.of("list filtered", "/incidents?state=open&priority=P1&service=payments-db", 200),
                Arguments.of("unknown state", "/incidents?state=sleeping", 400),
                Arguments.of("unknown priority", "/incidents?priority=P9", 400),
                Arguments.of("limit zero", "/incidents?limit=0", 400),
                Arguments.of("limit not a number", "/incidents?limit=ten", 400),
                Arguments.of("unknown incident", "/incidents/INC-nope", 404),
                Arguments.of("unknown incident explain", "/incidents/INC-nope/explain", 404),
                Arguments.of("unknown incident postmortem", "/incidents/INC-nope/postmortem", 404),
                Arguments.of("unknown fingerprint", "/alerts/0123456789abcdef/explain", 404),
                Arguments.of("id with a space", "/incidents/a%20b", 400),
                Arguments.of("unknown endpoint", "/nothing/here", 404),
                Arguments.of("store not shared", "/internal/stores/noise-store/x", 404),
                Arguments.of("liveness", "/health", 200),
                Arguments.of("readiness", "/ready", 200));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statuses")
    void answersWithTheRightStatusAndAJsonReason(String name, String path, int status) throws Exception {
        JsonNode body = json(path, status);
        if (status >= 400) {
            assertFalse(body.get("error").asText().isBlank());
            assertFalse(body.toString().contains("Exception"), "no stack traces or exception names: " + body);
        }
    }

    @Test
    void rejectsOtherMethods() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/incidents"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, r.statusCode());
    }

    @Test
    void listsIncidentsWithFiltersAndPaging() throws Exception {
        JsonNode all = json("/incidents", 200);
        assertEquals(2, all.get("total").asInt(), all.toString());
        JsonNode p1 = json("/incidents?priority=P1", 200);
        assertEquals(1, p1.get("total").asInt());
        assertEquals(dbIncident, p1.get("incidents").get(0).get("id").asText());
        assertEquals("2026-11-21T10:01:00Z", p1.get("incidents").get(0).get("detectedAt").asText());
        assertEquals(reportsIncident, json("/incidents?service=reports", 200).get("incidents").get(0).get("id").asText());
        assertEquals(1, json("/incidents?state=ACKNOWLEDGED", 200).get("total").asInt());
        assertEquals(0, json("/incidents?state=resolved", 200).get("incidents").size());
        JsonNode first = json("/incidents?limit=1", 200);
        assertEquals(1, first.get("incidents").size());
        assertEquals(1, first.get("nextOffset").asInt());
        JsonNode second = json("/incidents?limit=1&offset=1", 200);
        assertTrue(second.get("nextOffset").isNull());
        assertFalse(first.get("incidents").get(0).get("id").equals(second.get("incidents").get(0).get("id")));
    }

    @Test
    void showsAnIncidentWithMembersRootCauseAndResponseTimes() throws Exception {
        JsonNode inc = json("/incidents/" + dbIncident, 200);
        assertEquals("ACKNOWLEDGED", inc.get("state").asText());
        assertEquals("payments-db", inc.get("rootCause").get("service").asText());
        assertTrue(inc.get("rootCause").get("why").asText().contains("depends on no other alerting service"), inc.get("rootCause").toString());
        assertEquals(2, inc.get("members").size());
        assertEquals("https://runbooks/payments-db", inc.get("runbookUrl").asText());
        assertEquals(0, inc.get("responseTimes").get("ttdMs").asLong());
        assertEquals(330_000, inc.get("responseTimes").get("ttaMs").asLong(), "acknowledged 5 min 30 s after detection");
        assertTrue(inc.get("responseTimes").get("ttrMs").isNull());
        assertEquals(360_000, inc.get("responseTimes").get("openForMs").asLong(), "open 6 min as of the clock");
        assertTrue(inc.get("timeline").size() >= 3);
    }

    @Test
    void explainsWhyAnAlertDidOrDidNotPage() throws Exception {
        JsonNode held = json("/alerts/" + CHECKOUT + "/explain", 200);
        assertTrue(held.get("verdict").asText().contains("checkout db migration"), held.toString());
        assertEquals("mw-1", held.get("heldByWindow").asText());
        JsonNode db = json("/alerts/" + DB + "/explain", 200);
        assertTrue(db.get("verdict").asText().startsWith("paged: TRIGGER page to level 1"), db.toString());
        assertEquals(dbIncident, db.get("incidentId").asText());
        assertTrue(db.get("occurrence").get("duplicates").asLong() >= 9, "re-sends read live from the dedup store");
        List<String> kinds = new ArrayList<>();
        db.get("decisions").forEach(d -> kinds.add(d.get("kind").asText()));
        assertTrue(kinds.containsAll(List.of("FIRED", "OPENED_INCIDENT", "PAGED", "ROOT_CAUSE", "ACKNOWLEDGED")), kinds.toString());
        JsonNode reports = json("/alerts/" + REPORTS + "/explain", 200);
        assertTrue(reports.get("verdict").asText().contains("below paging.min-priority"), reports.toString());
    }

    @Test
    void explainsAnIncidentWithItsMembersDecisions() throws Exception {
        JsonNode e = json("/incidents/" + dbIncident + "/explain", 200);
        List<String> kinds = new ArrayList<>();
        e.get("decisions").forEach(d -> kinds.add(d.get("kind").asText()));
        assertTrue(kinds.containsAll(List.of("FIRED", "OPENED", "ALERT_JOINED", "ROOT_CAUSE", "PAGED", "NOT_PAGED", "ACKNOWLEDGED")),
                kinds.toString());
    }

    @Test
    void writesABlamelessPostmortemDraft() throws Exception {
        HttpResponse<String> r = get("/incidents/" + dbIncident + "/postmortem");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/markdown"));
        assertTrue(r.body().contains("## Detection and response"));
        assertFalse(r.body().contains("alice"), "responders by role, never by name");
        assertFalse(r.body().contains("payments-primary"), "pages by level, not by target");
    }

    @Test
    void exportsPrometheusMetrics() throws Exception {
        HttpResponse<String> r = get("/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("alertflow_incidents_opened_total{priority=\"P1\"} 1.0"), r.body());
        assertTrue(r.body().contains("alertflow_incidents_open{priority=\"P5\"} 1.0"), r.body());
        assertTrue(r.body().contains("alertflow_pages_total{kind=\"TRIGGER\"} 1.0"), r.body());
    }

    @Test
    void notReadyWhileRebalancing() throws Exception {
        health = "REBALANCING";
        try {
            assertEquals(503, get("/ready").statusCode());
            assertEquals(200, get("/health").statusCode());
            health = "ERROR";
            assertEquals(503, get("/health").statusCode());
        } finally {
            health = "RUNNING";
        }
    }
}
