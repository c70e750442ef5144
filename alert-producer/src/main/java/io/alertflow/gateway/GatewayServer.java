package io.alertflow.gateway;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertflow.gateway.admin.AdminEndpoints;
import io.alertflow.gateway.alertmanager.AlertmanagerEndpoints;
import io.alertflow.gateway.http.BearerAuth;
import io.alertflow.gateway.http.BodyReader;
import io.alertflow.gateway.http.EndpointHandler;
import io.alertflow.gateway.http.ErrorStyle;
import io.alertflow.gateway.http.HealthCheck;
import io.alertflow.gateway.http.HttpProblem;
import io.alertflow.gateway.http.RecordSink;
import io.alertflow.gateway.http.Route;
import io.alertflow.gateway.kafka.KafkaHealth;
import io.alertflow.gateway.kafka.KafkaRecordSink;
import io.alertflow.gateway.nativejson.NativeEndpoints;
import io.alertflow.gateway.pagerduty.PagerDutyEndpoints;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.Options;

/**
 * The ingestion gateway: an Undertow HTTP server exposing every receiver of SPEC §4 and writing to
 * Kafka. Start it with {@link #start(GatewayConfig)} (real Kafka) and stop it with {@link #close()}.
 */
public final class GatewayServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

    private final Undertow undertow;
    private final List<AutoCloseable> resources;
    private final int port;
    private final String scheme;

    private GatewayServer(Undertow undertow, List<AutoCloseable> resources, boolean tls) {
        this.undertow = undertow;
        this.resources = resources;
        this.scheme = tls ? "https" : "http";
        this.port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** Starts the gateway on the configured Kafka cluster and schema registry; port 0 picks a free port. */
    public static GatewayServer start(GatewayConfig config) {
        KafkaRecordSink sink = KafkaRecordSink.create(config);
        KafkaHealth health = KafkaHealth.create(config);
        try {
            return start(config, sink, health::problem, Clock.systemUTC(), List.of(health, sink));
        } catch (RuntimeException e) {
            health.close();
            sink.close();
            throw e;
        }
    }

    /** Starts the gateway on the given sink and health check (tests, embedding); {@code resources} are closed on {@link #close()}. */
    public static GatewayServer start(GatewayConfig config, RecordSink sink, HealthCheck health, Clock clock, List<AutoCloseable> resources) {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        BearerAuth auth = new BearerAuth(config.authToken() == null ? List.of() : List.of(config.authToken()));
        BodyReader bodyReader = new BodyReader(config.maxBodyBytes());
        RoutingHandler routing = new RoutingHandler(false);
        for (Route route : routes(config)) {
            routing.add(route.method(), route.template(), new EndpointHandler(route, auth, bodyReader, sink, clock, meters));
        }
        routing.get("/health", exchange -> health(exchange, health));
        routing.get("/metrics", exchange -> {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            exchange.getResponseSender().send(meters.scrape());
        });
        routing.setFallbackHandler(exchange -> problem(exchange, new HttpProblem(404, "no such endpoint: " + exchange.getRequestPath(), null)));
        routing.setInvalidMethodHandler(exchange -> problem(exchange,
                new HttpProblem(405, exchange.getRequestMethod() + " is not allowed on " + exchange.getRequestPath(), null)));
        Undertow.Builder builder = Undertow.builder();
        if (config.tls() == null) {
            builder.addHttpListener(config.port(), config.host());
        } else {
            // HTTPS only: a gateway given a keystore must not also accept the bearer token in clear text.
            builder.addHttpsListener(config.port(), config.host(), config.tls().sslContext());
        }
        Undertow undertow = builder
                .setIoThreads(config.ioThreads())
                .setWorkerThreads(config.workerThreads())
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, -1L) // BodyReader enforces the limit with a JSON 413
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, 60_000)
                .setSocketOption(Options.READ_TIMEOUT, (int) config.readTimeout().toMillis())
                .setHandler(routing)
                .build();
        undertow.start();
        GatewayServer server = new GatewayServer(undertow, new ArrayList<>(resources), config.tls() != null);
        server.resources.add(meters::close);
        LOG.info("gateway listening on {}://{}:{} (auth {}, max body {} bytes)", server.scheme, config.host(), server.port,
                auth.disabled() ? "off" : "bearer token", config.maxBodyBytes());
        return server;
    }

    /** Every route of the gateway, in the order of SPEC §4. */
    public static List<Route> routes(GatewayConfig config) {
        SeverityMapping severities = new SeverityMapping(config.defaultSeverity());
        AlertAdmission admission = new AlertAdmission(config.validation());
        AlertRecords alertRecords = new AlertRecords(admission, config.topics().alerts());
        List<Route> routes = new ArrayList<>();
        routes.addAll(AlertmanagerEndpoints.routes(severities, alertRecords));
        routes.addAll(PagerDutyEndpoints.routes(config, admission));
        routes.addAll(NativeEndpoints.routes(config, alertRecords));
        routes.addAll(AdminEndpoints.routes(config.topics()));
        return routes;
    }

    /** The port the server listens on. */
    public int port() {
        return port;
    }

    /** The base URI, e.g. http://127.0.0.1:8080, https://… with TLS (loopback when bound to all interfaces). */
    public URI uri() {
        return URI.create(scheme + "://127.0.0.1:" + port);
    }

    /** Stops accepting requests, then closes the producer (flushing what is in flight) and the health client. */
    @Override
    public void close() {
        undertow.stop();
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", resource, e.toString());
            }
        }
    }

    private static void health(HttpServerExchange exchange, HealthCheck health) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(() -> health(exchange, health));
            return;
        }
        String problem = health.problem();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("status", problem == null ? "UP" : "DOWN");
        if (problem != null) {
            body.put("reason", problem);
        }
        exchange.setStatusCode(problem == null ? 200 : 503);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(body.toString());
    }

    private static void problem(HttpServerExchange exchange, HttpProblem problem) {
        exchange.setStatusCode(problem.status());
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(ErrorStyle.ALERTFLOW.render(problem).toString());
    }
}
