package io.alertflow.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertflow.avro.AlertChange;
import io.alertflow.avro.DecisionLog;
import io.alertflow.avro.Incident;
import io.alertflow.avro.IncidentRecord;
import io.alertflow.avro.Member;
import io.alertflow.explain.Explainer;
import io.alertflow.explain.Postmortem;
import io.alertflow.json.RecordJson;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streams app's HTTP API (SPEC §4) on Undertow: incidents, explanations, postmortem drafts, Prometheus
 * metrics, liveness and readiness; plus the {@code /internal} endpoints other instances use to read this
 * instance's stores. Errors are JSON {@code {"error": ...}} with 400, 404 or 503, never a stack trace.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final StateLookup lookup;
    private final Health health;
    private final Supplier<String> metrics;
    private final Clock clock;
    private final Undertow server;

    /** What a handler answers. */
    record Reply(int status, String contentType, byte[] body) {
        static Reply json(int status, com.fasterxml.jackson.databind.JsonNode json) {
            return new Reply(status, "application/json", ApiJson.bytes(json));
        }

        static Reply text(int status, String contentType, String text) {
            return new Reply(status, contentType, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private ApiServer(String host, int port, StateLookup lookup, Health health, Supplier<String> metrics, Clock clock) {
        this.lookup = lookup;
        this.health = health;
        this.metrics = metrics;
        this.clock = clock;
        RoutingHandler routes = new RoutingHandler()
                .get("/incidents", handle(this::listIncidents))
                .get("/incidents/{id}", handle(this::getIncident))
                .get("/incidents/{id}/explain", handle(this::explainIncident))
                .get("/incidents/{id}/postmortem", handle(this::postmortem))
                .get("/alerts/{fingerprint}/explain", handle(this::explainAlert))
                .get("/metrics", handle(x -> Reply.text(200, "text/plain; version=0.0.4; charset=utf-8", metrics.get())))
                .get("/health", handle(this::liveness))
                .get("/ready", handle(this::readiness))
                .get("/internal/stores/{store}/{key}", handle(this::internalStore))
                .get("/internal/incidents", handle(this::internalIncidents))
                .setFallbackHandler(handle(x -> Reply.json(404, ApiJson.error("no such endpoint: " + x.getRequestPath(), null))))
                .setInvalidMethodHandler(handle(x -> Reply.json(405, ApiJson.error("only GET is supported here", null))));
        server = Undertow.builder().addHttpListener(port, host).setIoThreads(1).setWorkerThreads(8)
                .setHandler(new BlockingHandler(routes)).build();
    }

    /** Starts the API on {@code host:port} (port 0 picks a free one, see {@link #port()}). */
    public static ApiServer start(String host, int port, StateLookup lookup, Health health, Supplier<String> metrics, Clock clock) {
        ApiServer api = new ApiServer(host, port, lookup, health, metrics, clock);
        api.server.start();
        LOG.info("HTTP API listening on {}:{}", host, api.port());
        return api;
    }

    /** The port the API listens on. */
    public int port() {
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    @Override
    public void close() {
        server.stop();
    }

    // ------------------------------------------------------------------ incidents

    private Reply listIncidents(HttpServerExchange x) {
        IncidentFilter filter = IncidentFilter.parse(query(x, "state"), query(x, "service"), query(x, "priority"));
        int limit = intParam(x, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = intParam(x, "offset", 0, 0, Integer.MAX_VALUE - MAX_LIMIT);
        StateLookup.Page page = lookup.incidents(filter, offset, limit);
        ObjectNode json = ApiJson.object();
        ArrayNode items = json.putArray("incidents");
        page.incidents().forEach(i -> items.add(ApiJson.summary(i, clock.instant())));
        json.put("total", page.total());
        json.put("offset", offset);
        json.put("limit", limit);
        if (offset + page.incidents().size() < page.total()) {
            json.put("nextOffset", offset + page.incidents().size());
        } else {
            json.putNull("nextOffset");
        }
        return Reply.json(200, json);
    }

    private Reply getIncident(HttpServerExchange x) {
        return Reply.json(200, ApiJson.detail(incident(x), clock.instant()));
    }

    private Reply explainIncident(HttpServerExchange x) {
        IncidentRecord r = incident(x);
        return Reply.json(200, ApiJson.incidentExplanation(r, Explainer.explainIncident(r, memberLogs(r))));
    }

    private Reply postmortem(HttpServerExchange x) {
        IncidentRecord r = incident(x);
        return Reply.text(200, "text/markdown; charset=utf-8", Postmortem.render(r, memberLogs(r), clock.instant()));
    }

    private IncidentRecord incident(HttpServerExchange x) {
        String id = pathKey(x, "id");
        IncidentRecord r = lookup.incident(id);
        if (r == null) {
            throw new NotFound("no incident " + id + ": it never existed, or was forgotten after incident.retention");
        }
        return r;
    }

    private Map<String, DecisionLog> memberLogs(IncidentRecord r) {
        Map<String, DecisionLog> logs = new LinkedHashMap<>();
        for (Member m : r.getMembers()) {
            DecisionLog log = lookup.decisions(m.getFingerprint());
            if (log != null) {
                logs.put(m.getFingerprint(), log);
            }
        }
        return logs;
    }

    // ------------------------------------------------------------------ alerts

    private Reply explainAlert(HttpServerExchange x) {
        String fp = pathKey(x, "fingerprint");
        DecisionLog log = lookup.decisions(fp);
        AlertChange dedup = lookup.dedup(fp);
        AlertChange held = lookup.held(fp);
        String incidentId = lookup.incidentOf(fp);
        IncidentRecord incident = incidentId == null ? null : lookup.incident(incidentId);
        if (log == null && dedup == null && held == null && incident == null) {
            throw new NotFound("no alert with fingerprint " + fp + " is known: never received, or its decisions are older "
                    + "than explain.retention");
        }
        return Reply.json(200, ApiJson.alertExplanation(Explainer.explainAlert(fp, log, dedup, held, incident)));
    }

    // ------------------------------------------------------------------ health

    private Reply liveness(HttpServerExchange x) {
        ObjectNode json = ApiJson.object();
        json.put("status", health.alive() ? "UP" : "DOWN");
        json.put("streams", health.state());
        return Reply.json(health.alive() ? 200 : 503, json);
    }

    private Reply readiness(HttpServerExchange x) {
        boolean ready = health.ready();
        ObjectNode json = ApiJson.object();
        json.put("status", ready ? "READY" : "NOT_READY");
        json.put("streams", health.state());
        return Reply.json(ready ? 200 : 503, json);
    }

    // ------------------------------------------------------------------ internal (instance to instance)

    private Reply internalStore(HttpServerExchange x) {
        String store = pathKey(x, "store");
        String key = pathKey(x, "key");
        SpecificRecord value = lookup.localValue(store, key);
        if (value == null) {
            throw new NotFound("no entry " + key + " in " + store + " on this instance");
        }
        return Reply.json(200, RecordJson.toJson(value));
    }

    private Reply internalIncidents(HttpServerExchange x) {
        IncidentFilter filter = IncidentFilter.parse(query(x, "state"), query(x, "service"), query(x, "priority"));
        int limit = intParam(x, "limit", DEFAULT_LIMIT, 1, Integer.MAX_VALUE);
        StateLookup.Page page = lookup.localIncidents(filter, limit);
        ObjectNode json = ApiJson.object();
        ArrayNode items = json.putArray("incidents");
        for (Incident i : page.incidents()) {
            items.add(RecordJson.toJson(i));
        }
        json.put("total", page.total());
        return Reply.json(200, json);
    }

    // ------------------------------------------------------------------ plumbing

    private io.undertow.server.HttpHandler handle(Function<HttpServerExchange, Reply> handler) {
        return exchange -> send(exchange, answer(exchange, handler));
    }

    private Reply answer(HttpServerExchange exchange, Function<HttpServerExchange, Reply> handler) {
        try {
            return handler.apply(exchange);
        } catch (BadRequest e) {
            return Reply.json(400, ApiJson.error(e.getMessage(), e.field()));
        } catch (NotFound e) {
            return Reply.json(404, ApiJson.error(e.getMessage(), null));
        } catch (Unavailable | org.apache.kafka.streams.errors.InvalidStateStoreException e) {
            LOG.info("answered 503 to {}: {}", exchange.getRequestPath(), e.getMessage());
            return Reply.json(503, ApiJson.error("not available right now: " + e.getMessage(), null));
        } catch (RuntimeException e) {
            LOG.error("unexpected error answering {}", exchange.getRequestPath(), e);
            return Reply.json(500, ApiJson.error("internal error; the server log has the details", null));
        }
    }

    private static void send(HttpServerExchange exchange, Reply reply) {
        exchange.setStatusCode(reply.status());
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, reply.contentType());
        if (reply.status() == 503) {
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
        }
        exchange.getResponseSender().send(ByteBuffer.wrap(reply.body()));
    }

    private static String pathKey(HttpServerExchange x, String name) {
        String value = query(x, name);
        if (!StateLookup.validKey(value)) {
            throw new BadRequest(name, name + " must be 1-256 printable ASCII characters without '/' or spaces");
        }
        return value;
    }

    private static String query(HttpServerExchange x, String name) {
        Deque<String> values = x.getQueryParameters().get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static int intParam(HttpServerExchange x, String name, int fallback, int min, int max) {
        String value = query(x, name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) {
                throw new BadRequest(name, name + " must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadRequest(name, name + " must be a whole number, got '" + value + "'");
        }
    }
}
