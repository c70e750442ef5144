package io.alertflow.bench.gateway;

import io.alertflow.bench.pipeline.BenchConfig;
import io.alertflow.bench.registry.RegistryPrimer;
import io.alertflow.gateway.GatewayConfig;
import io.alertflow.gateway.GatewayServer;
import java.util.Map;

/**
 * The gateway in its own JVM for the benchmark, on a primed {@code mock://} registry so a streams app in
 * another JVM reads what it writes. Arguments: bootstrap servers, port. Stops when stdin closes.
 */
public final class GatewayHostMain {
    private GatewayHostMain() {
    }

    public static void main(String[] args) throws Exception {
        RegistryPrimer.prime(BenchConfig.REGISTRY.substring("mock://".length()));
        try (GatewayServer server = GatewayServer.start(GatewayConfig.of(Map.of(
                GatewayConfig.BOOTSTRAP_SERVERS, args[0],
                GatewayConfig.PORT, args[1],
                GatewayConfig.HOST, "127.0.0.1",
                GatewayConfig.SCHEMA_REGISTRY_URL, BenchConfig.REGISTRY)))) {
            while (System.in.read() >= 0) {
                // serve until the benchmark closes our stdin
            }
        }
        System.exit(0);
    }
}
