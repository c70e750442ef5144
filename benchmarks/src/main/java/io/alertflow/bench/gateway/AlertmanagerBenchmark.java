package io.alertflow.bench.gateway;

import io.alertflow.bench.machine.Machine;
import io.alertflow.benchmark.GatewayBenchmark;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The same load ({@link GatewayBenchmark}) against Prometheus Alertmanager (Debian's prometheus-alertmanager,
 * on loopback, in-memory cluster off, a null receiver), for a comparison taken in the same session as the
 * gateway figure. Arguments: [measured seconds] [alertmanager binary].
 */
public final class AlertmanagerBenchmark {
    private AlertmanagerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 30;
        String binary = args.length > 1 ? args[1] : "/usr/bin/prometheus-alertmanager";
        System.out.println(Machine.describe());
        Path dir = Files.createTempDirectory(Path.of("/var/tmp"), "alertflow-bench-alertmanager-");
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, "route:\n  receiver: null-receiver\n  group_by: ['alertname', 'service']\nreceivers:\n  - name: null-receiver\n");
        int port = io.alertflow.local.EmbeddedKafka.freePort();
        Process am = new ProcessBuilder(List.of(binary, "--config.file=" + config, "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=")).redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        try {
            Thread.sleep(3_000);
            String before = Machine.loadAverage();
            GatewayBenchmark.Result result = GatewayBenchmark.run(URI.create("http://127.0.0.1:" + port + "/api/v2/alerts"), null, 4, 100,
                    20_000, Duration.ofSeconds(10), Duration.ofSeconds(seconds), am.pid());
            System.out.println("alertmanager 0.25:           " + result + "; load " + before + " -> " + Machine.loadAverage());
        } finally {
            am.destroy();
            am.waitFor();
        }
    }
}
