package io.alertflow.gateway.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.PathTemplateMatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link Route} on Undertow: moves off the I/O thread, authenticates, checks the content
 * type, reads the body within the limit, lets the endpoint map it, waits until Kafka acknowledged
 * every record and only then answers 2xx. Refusals are logged as one line without a stack trace.
 */
public final class EndpointHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointHandler.class);

    private final Route route;
    private final BearerAuth auth;
    private final BodyReader bodyReader;
    private final RecordSink sink;
    private final Clock clock;
    private final MeterRegistry meters;

    public EndpointHandler(Route route, BearerAuth auth, BodyReader bodyReader, RecordSink sink, Clock clock, MeterRegistry meters) {
        this.route = route;
        this.auth = auth;
        this.bodyReader = bodyReader;
        this.sink = sink;
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            // Reading the body and waiting for Kafka block: never on an I/O thread.
            exchange.dispatch(this);
            return;
        }
        exchange.startBlocking();
        Timer.Sample sample = Timer.start(meters);
        int status;
        try {
            status = serve(exchange);
        } catch (HttpProblem problem) {
            status = refuse(exchange, problem);
        } catch (IOException e) {
            // The client went away or was too slow (gateway.read-timeout); nothing was written to Kafka.
            LOG.info("{} {} from {}: request body not received: {}", exchange.getRequestMethod(), route.name(), remote(exchange),
                    LogText.escape(e.getMessage()));
            exchange.setPersistent(false);
            status = 408;
            if (!exchange.isResponseStarted()) {
                exchange.setStatusCode(408);
            }
        } catch (RuntimeException e) {
            LOG.error("{} {} failed unexpectedly", exchange.getRequestMethod(), route.name(), e);
            status = refuse(exchange, new HttpProblem(500, "internal error; the request was not processed", null));
        }
        sample.stop(meters.timer("alertflow.gateway.requests", "endpoint", route.name(), "status", String.valueOf(status)));
        exchange.endExchange();
    }

    private int serve(HttpServerExchange exchange) throws IOException {
        Instant receivedAt = clock.instant();
        if (route.bearerAuth()) {
            auth.checkAuthorizationHeader(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION));
        }
        if (route.jsonBody()) {
            checkJsonContentType(exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE));
        }
        byte[] body = bodyReader.read(exchange);
        Accepted accepted = route.endpoint().handle(new IncomingRequest(pathParameters(exchange), body, receivedAt));
        sink.publish(accepted.records());
        accepted.records().forEach(r -> meters.counter("alertflow.gateway.records", "topic", r.topic()).increment());
        exchange.setStatusCode(accepted.status());
        if (accepted.body() != null) {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
            exchange.getOutputStream().write(accepted.body().getBytes(StandardCharsets.UTF_8));
        }
        return accepted.status();
    }

    private static void checkJsonContentType(String contentType) {
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
            throw new HttpProblem(415, "Content-Type must be application/json, got '" + (contentType == null ? "" : contentType) + "'",
                    "Content-Type");
        }
    }

    private int refuse(HttpServerExchange exchange, HttpProblem problem) {
        String field = problem.field() == null ? "" : " field=" + LogText.escape(problem.field());
        String line = "{} {} from {} refused {}:{} {}";
        Object[] args = {exchange.getRequestMethod(), route.name(), remote(exchange), problem.status(), field, LogText.escape(problem.getMessage())};
        if (problem.status() >= 500) {
            LOG.warn(line, args);
        } else {
            LOG.info(line, args);
        }
        if (exchange.isResponseStarted()) {
            return problem.status();
        }
        exchange.setStatusCode(problem.status());
        if (problem.status() == 401) {
            exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer");
        }
        if (problem.retryAfter() != null) {
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, String.valueOf(Math.max(1, problem.retryAfter().toSeconds())));
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        try {
            exchange.getOutputStream().write(route.errorStyle().render(problem).toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.debug("could not send the error answer", e);
        }
        return problem.status();
    }

    private static Map<String, String> pathParameters(HttpServerExchange exchange) {
        PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        return match == null ? Map.of() : Map.copyOf(match.getParameters());
    }

    private static String remote(HttpServerExchange exchange) {
        return exchange.getSourceAddress() == null ? "-" : exchange.getSourceAddress().getAddress().getHostAddress();
    }
}
