package io.alertflow.gateway;

import io.alertflow.config.ConfigSource;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the gateway alone (what docker-compose runs): loads the configuration (defaults, the file
 * named by the first argument or ALERTFLOW_CONFIG, ALERTFLOW_* environment overrides) and starts.
 */
public final class GatewayMain {
    private GatewayMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String file = args.length > 0 ? args[0] : System.getenv("ALERTFLOW_CONFIG");
        ConfigSource source = ConfigSource.load(GatewayConfig.defaults(), file == null ? null : Path.of(file), System.getenv(), Map.of());
        GatewayServer server = GatewayServer.start(GatewayConfig.from(source));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "gateway-shutdown"));
        stopped.await();
    }
}
