package io.alertflow.gateway;

import io.alertflow.gateway.http.Accepted;
import io.alertflow.gateway.http.IncomingRequest;
import io.alertflow.gateway.http.Route;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** Calls the gateway's real routes without an HTTP server, for mapping tests. */
public final class RouteFixture {
    public static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private final Map<String, Route> routes;

    public RouteFixture(GatewayConfig config) {
        this.routes = GatewayServer.routes(config).stream().collect(java.util.stream.Collectors.toMap(Route::name, r -> r));
    }

    public RouteFixture() {
        this(GatewayConfig.of(Map.of()));
    }

    public Accepted call(String route, String body) {
        return call(route, Map.of(), body);
    }

    public Accepted call(String route, Map<String, String> pathParameters, String body) {
        return routes.get(route).endpoint().handle(new IncomingRequest(pathParameters, body.getBytes(StandardCharsets.UTF_8), NOW));
    }
}
