package io.alertflow.gateway;

import io.alertflow.config.ConfigSource;
import io.alertflow.serde.SchemaRegistryClients;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the gateway alone (what docker-compose runs): loads the configuration (defaults, the file
 * named by the first argument or ALERTFLOW_CONFIG, ALERTFLOW_* environment overrides) and starts.
 */
public final class GatewayMain {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayMain.class);
    private GatewayMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String file = args.length > 0 ? args[0] : System.getenv("ALERTFLOW_CONFIG");
        ConfigSource source = ConfigSource.load(GatewayConfig.defaults(), file == null ? null : Path.of(file), System.getenv(), Map.of());
        GatewayConfig config = GatewayConfig.from(source);
        if (SchemaRegistryClients.inProcess(String.valueOf(config.serde().get(GatewayConfig.SCHEMA_REGISTRY_URL)))) {
            LOG.warn("schema.registry.url is {}: an in-process registry, so no other process can read what this gateway writes; "
                    + "set ALERTFLOW_SCHEMA_REGISTRY_URL to the real registry", config.serde().get(GatewayConfig.SCHEMA_REGISTRY_URL));
        }
        GatewayServer server = GatewayServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "gateway-shutdown"));
        stopped.await();
    }
}
