package io.alertflow.bench.latency;

import io.alertflow.bench.broker.BrokerProcess;
import io.alertflow.bench.load.AlertMix;
import io.alertflow.bench.load.InputWriter;
import io.alertflow.bench.load.ServiceCatalog;
import io.alertflow.bench.machine.Machine;
import io.alertflow.bench.pipeline.BenchConfig;
import io.alertflow.bench.pipeline.PassThrough;
import io.alertflow.bench.progress.GroupLag;
import io.alertflow.streams.AlertflowTopology;
import io.alertflow.streams.config.AlertflowConfig;
import io.alertflow.streams.topics.TopicProvisioner;
import io.alertflow.streams.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

/**
 * End-to-end latency at a fixed alert rate (default 10,000/s, realistic mix): receivedAt → the resulting
 * incident or page record visible to a read_committed consumer, for the full topology, and receivedAt →
 * the copied record for the pass-through app, in one run (pass-through, full, pass-through).
 * Arguments: [rate] [measured seconds] [warm-up seconds].
 */
public final class LatencyBenchmark {
    private LatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 40;
        long warmup = args.length > 2 ? Long.parseLong(args[2]) : 15;
        System.out.println(Machine.describe());
        Path dir = Files.createTempDirectory(Path.of("/var/tmp"), "alertflow-bench-latency-");
        try (BrokerProcess broker = BrokerProcess.start(dir.resolve("broker"))) {
            System.out.println("broker: separate JVM pid " + broker.pid() + " at " + broker.bootstrapServers());
            AlertflowConfig base = BenchConfig.of(broker.bootstrapServers(), dir.resolve("state"), "setup", "alerts.raw", Map.of());
            Topics shared = Topics.from(base);
            TopicProvisioner.createMissing(base.streamsProperties(), shared.all(), 6, (short) 1);
            ServiceCatalog catalog = ServiceCatalog.generate(500, 7);
            try (InputWriter writer = new InputWriter(broker.bootstrapServers(), shared);
                 Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                writer.publishCatalog(catalog, Instant.now());
                Phase phase = new Phase(broker.bootstrapServers(), dir, writer, shared, admin, catalog, rate, seconds, warmup);
                Percentiles pt1 = phase.run("pt1", false);
                Percentiles full = phase.run("full", true);
                Percentiles pt2 = phase.run("pt2", false);
                System.out.println();
                System.out.println("== summary (" + rate + " alerts/s, " + seconds + " s measured after " + warmup + " s warm-up) ==");
                System.out.println("pass-through (1): " + pt1);
                System.out.println("full topology:    " + full + "  [incident + page records]");
                System.out.println("pass-through (2): " + pt2);
                double ptP99 = Math.max(pt1.p99(), pt2.p99());
                double ratio = full.p99() / ptP99;
                System.out.printf(Locale.ROOT, "p99 full / p99 pass-through (worse of the two) = %.2f x (target <= 1.50: %s)%n", ratio,
                        ratio <= 1.5 ? "MET" : "MISSED");
                System.out.println("load average at end: " + Machine.loadAverage());
            }
        }
    }

    /** One measured application: its own input topic, started, warmed up, measured, closed. */
    private record Phase(String bootstrap, Path dir, InputWriter writer, Topics shared, Admin admin, ServiceCatalog catalog,
                         int rate, long seconds, long warmup) {
        Percentiles run(String name, boolean full) throws Exception {
            String input = "bench.latency." + name + ".alerts.raw";
            InputWriter.createTopic(admin, input, 6, Map.of());
            AlertflowConfig cfg = BenchConfig.of(bootstrap, dir.resolve("state"), "latency-" + name, input, Map.of());
            Topics topics = Topics.from(cfg);
            Topology topology;
            List<String> outputs;
            if (full) {
                TopicProvisioner.createMissing(cfg.streamsProperties(), topics.all(), 6, (short) 1);
                topology = AlertflowTopology.build(cfg, topics);
                outputs = List.of(topics.incidents().name(), topics.pages().name());
            } else {
                String output = "bench.latency." + name + ".out";
                InputWriter.createTopic(admin, output, 6, Map.of());
                topology = PassThrough.build(input, output);
                outputs = List.of(output);
            }
            String loadBefore = Machine.loadAverage();
            KafkaStreams streams = new KafkaStreams(topology, cfg.streamsProperties());
            streams.start();
            try {
                waitRunning(streams);
                long from = System.currentTimeMillis() + warmup * 1000;
                long until = from + seconds * 1000;
                OutputLatency latency = new OutputLatency(bootstrap, outputs, from, until);
                Thread reader = new Thread(latency, "latency-reader-" + name);
                reader.start();
                AlertMix mix = AlertMix.of(AlertMix.Kind.REALISTIC, catalog, 40, 42);
                long writeStart = System.nanoTime();
                PacedWriter.write(writer.producer(), shared.alertsRaw().valueSerde().serializer(), mix, input, rate, warmup + seconds);
                double achieved = (double) rate * (warmup + seconds) / ((System.nanoTime() - writeStart) / 1e9);
                // Drain: wait until the app has committed the whole input (up to 5 min), so an app that fell behind
                // contributes its late outputs instead of a sample biased to the records it managed in time.
                long drainStart = System.nanoTime();
                try (GroupLag lag = new GroupLag(bootstrap)) {
                    var ends = lag.endOffsets(input);
                    while (!lag.snapshot(cfg.applicationId(), input, ends).caughtUp() && System.nanoTime() - drainStart < 300e9) {
                        Thread.sleep(500);
                    }
                }
                double drained = (System.nanoTime() - drainStart) / 1e9;
                Thread.sleep(2_000);
                System.out.printf(Locale.ROOT, "  %s: wrote at %,.0f alerts/s; the app needed %.1f s after the last write to consume everything%n",
                        name, achieved, drained);
                latency.stop();
                reader.join();
                Percentiles p = latency.percentiles();
                System.out.printf(Locale.ROOT, "%-14s %s; mix %s; load %s -> %s%n", full ? "full topology" : "pass-through " + name, p,
                        mix.counts(), loadBefore, Machine.loadAverage());
                return p;
            } finally {
                streams.close(Duration.ofSeconds(60));
                streams.cleanUp();
            }
        }

        private static void waitRunning(KafkaStreams streams) throws InterruptedException {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (streams.state() != KafkaStreams.State.RUNNING) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the app did not reach RUNNING: " + streams.state());
                }
                Thread.sleep(100);
            }
            Thread.sleep(2_000);
        }
    }
}
