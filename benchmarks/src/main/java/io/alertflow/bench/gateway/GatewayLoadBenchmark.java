package io.alertflow.bench.gateway;

import io.alertflow.bench.broker.BrokerProcess;
import io.alertflow.bench.broker.ChildJvm;
import io.alertflow.bench.load.InputWriter;
import io.alertflow.bench.load.ServiceCatalog;
import io.alertflow.bench.machine.Machine;
import io.alertflow.bench.pipeline.BenchConfig;
import io.alertflow.bench.progress.GroupLag;
import io.alertflow.bench.registry.RegistryPrimer;
import io.alertflow.bench.state.StreamsAppMain;
import io.alertflow.benchmark.GatewayBenchmark;
import io.alertflow.streams.config.AlertflowConfig;
import io.alertflow.streams.topics.TopicProvisioner;
import io.alertflow.streams.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Gateway throughput with the gateway engineer's load harness ({@link GatewayBenchmark}: Alertmanager v2
 * batches of 100, ~90 % re-sends of 20,000 distinct alerts, 4 keep-alive connections), gateway and broker
 * each in their own JVM; then the same load with the full streams app running too (a third JVM), reporting
 * the app's consumption rate and whether its lag grew. Arguments: [measured seconds].
 */
public final class GatewayLoadBenchmark {
    private GatewayLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 30;
        System.out.println(Machine.describe());
        Path dir = Files.createTempDirectory(Path.of("/var/tmp"), "alertflow-bench-gateway-");
        RegistryPrimer.prime(BenchConfig.REGISTRY.substring("mock://".length()));
        try (BrokerProcess broker = BrokerProcess.start(dir.resolve("broker"));
             GroupLag lag = new GroupLag(broker.bootstrapServers())) {
            AlertflowConfig cfg = BenchConfig.of(broker.bootstrapServers(), dir.resolve("app-state"), "e2e", "alerts.raw", Map.of());
            Topics topics = Topics.from(cfg);
            TopicProvisioner.createMissing(cfg.streamsProperties(), topics.all(), 6, (short) 1);
            InputWriter.awaitLeaders(lag.admin(), "alerts.raw");
            try (InputWriter writer = new InputWriter(broker.bootstrapServers(), topics)) {
                writer.publishCatalog(ServiceCatalog.generate(500, 7), Instant.now());
            }
            int port = io.alertflow.local.EmbeddedKafka.freePort();
            URI url = URI.create("http://127.0.0.1:" + port + "/api/v2/alerts");
            try (ChildJvm gateway = ChildJvm.start(GatewayHostMain.class, List.of("-Xmx1g", "-XX:+UseG1GC"),
                    List.of(broker.bootstrapServers(), String.valueOf(port)), dir.resolve("gateway.log"))) {
                awaitHealthy(URI.create("http://127.0.0.1:" + port + "/health"));
                String before = Machine.loadAverage();
                GatewayBenchmark.Result alone = GatewayBenchmark.run(url, null, 4, 100, 20_000, Duration.ofSeconds(10),
                        Duration.ofSeconds(seconds), gateway.pid());
                System.out.println("gateway + broker:            " + alone + "; load " + before + " -> " + Machine.loadAverage());
                endToEnd(broker, lag, dir, url, gateway, seconds);
            }
            System.out.println("load average at end: " + Machine.loadAverage());
        }
    }

    private static void endToEnd(BrokerProcess broker, GroupLag lag, Path dir, URI url, ChildJvm gateway, long seconds)
            throws Exception {
        try (ChildJvm app = ChildJvm.start(StreamsAppMain.class, List.of("-Xmx2g", "-XX:+UseG1GC"),
                List.of(broker.bootstrapServers(), dir.resolve("app-state").toString(), "e2e", "alerts.raw",
                        dir.resolve("events-e2e.txt").toString(), "latest"), dir.resolve("app-e2e.log"))) {
            // the app starts at the end of alerts.raw (the first phase's records are not its concern) and measures from RUNNING
            Path events = dir.resolve("events-e2e.txt");
            while (!Files.exists(events) || !Files.readString(events).contains("RUNNING")) {
                Thread.sleep(500);
                if (!app.isAlive()) {
                    throw new IllegalStateException("the streams app died; see " + dir.resolve("app-e2e.log"));
                }
            }
            Thread.sleep(3_000);
            String before = Machine.loadAverage();
            // Load in the background; both rates come from Kafka offsets between two snapshots taken once the app has
            // committed on every partition (a group that starts at "latest" has no committed offset until it processes).
            var loader = java.util.concurrent.Executors.newSingleThreadExecutor();
            var future = loader.submit(() -> GatewayBenchmark.run(url, null, 4, 100, 20_000, Duration.ofSeconds(5),
                    Duration.ofSeconds(seconds), gateway.pid()));
            Thread.sleep(8_000);
            var a = lag.snapshot("bench-e2e", "alerts.raw", lag.endOffsets("alerts.raw"));
            Thread.sleep((seconds - 5) * 1000);
            var b = lag.snapshot("bench-e2e", "alerts.raw", lag.endOffsets("alerts.raw"));
            GatewayBenchmark.Result load = future.get();
            loader.shutdown();
            double interval = (b.nanos() - a.nanos()) / 1e9;
            double produced = (b.inputEnd() - a.inputEnd()) / interval;
            double consumed = (b.inputCommitted() - a.inputCommitted()) / interval;
            System.out.println("gateway + broker + streams:  " + load + "; load " + before + " -> " + Machine.loadAverage());
            System.out.printf(Locale.ROOT, "over %.1f s: alerts.raw grew %,.0f/s, the streams app committed %,.0f/s; lag %,d -> %,d (%s); "
                            + "dlq %,d records, dedup changelog %,d, incidents %,d%n",
                    interval, produced, consumed, a.inputLag(), b.inputLag(),
                    b.inputLag() > a.inputLag() + 10_000 ? "GROWING: sustained end-to-end rate = the app's rate" : "not growing",
                    lag.size("alerts.dlq.e2e"), lag.size("bench-e2e-dedup-store-changelog"), lag.size("incidents.e2e"));
        }
    }

    private static void awaitHealthy(URI health) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 300; i++) {
            try {
                if (client.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the gateway did not become healthy at " + health);
    }
}
