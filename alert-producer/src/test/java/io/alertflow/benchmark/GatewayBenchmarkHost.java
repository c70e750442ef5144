package io.alertflow.benchmark;

import io.alertflow.gateway.GatewayConfig;
import io.alertflow.gateway.GatewayServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.Test;

/**
 * Hosts a single-node KRaft broker and the gateway (port 18081, mock:// registry) for the benchmark
 * client; not run by default (no Test/IT suffix). Run it with
 * {@code mvn -o test -pl alert-producer -Dtest=GatewayBenchmarkHost -Dbench.seconds=90}; its pid is
 * written to target/benchmark-host.pid for {@code GatewayBenchmark --pid}. See docs/BENCHMARKS.md.
 */
class GatewayBenchmarkHost {
    @Test
    void hostBrokerAndGateway() throws Exception {
        long seconds = Long.getLong("bench.seconds", 90);
        try (KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
                .setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("num.partitions", "6")
                .build()) {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            try (GatewayServer gateway = GatewayServer.start(GatewayConfig.of(Map.of(
                    GatewayConfig.PORT, "18081",
                    GatewayConfig.HOST, "127.0.0.1",
                    GatewayConfig.BOOTSTRAP_SERVERS, cluster.bootstrapServers(),
                    GatewayConfig.SCHEMA_REGISTRY_URL, "mock://benchmark",
                    GatewayConfig.LINGER, System.getProperty("bench.linger", "5ms"))))) {
                Files.writeString(Path.of("target", "benchmark-host.pid"), String.valueOf(ProcessHandle.current().pid()));
                Thread.sleep(seconds * 1000);
            }
        }
    }
}
