package io.alertflow.bench.pipeline;

import io.alertflow.bench.broker.BrokerProcess;
import io.alertflow.bench.load.AlertMix;
import io.alertflow.bench.load.InputWriter;
import io.alertflow.bench.load.ServiceCatalog;
import io.alertflow.bench.machine.Machine;
import io.alertflow.bench.progress.ConsumptionRun;
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

/**
 * Pipeline throughput: the full topology against a pass-through app over the same pre-written input, in
 * one run, for the realistic mix and for all-unique alerts. Order per mix: pass-through, full, pass-through
 * (the ratio uses the mean of the two pass-through runs, which brackets drift in the machine's load).
 * Arguments: [realistic records] [all-unique records].
 */
public final class PipelineBenchmark {
    static final int SERVICES = 500;
    static final int RULES = 40;
    static final int PARTITIONS = 6;

    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long realistic = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        long unique = args.length > 1 ? Long.parseLong(args[1]) : 300_000;
        System.out.println(Machine.describe());
        Path dir = Files.createTempDirectory(Path.of("/var/tmp"), "alertflow-bench-pipeline-");
        try (BrokerProcess broker = BrokerProcess.start(dir.resolve("broker"));
             GroupLag lag = new GroupLag(broker.bootstrapServers())) {
            System.out.println("broker: separate JVM pid " + broker.pid() + " at " + broker.bootstrapServers() + ", state " + dir);
            AlertflowConfig base = BenchConfig.of(broker.bootstrapServers(), dir.resolve("state"), "setup", "alerts.raw", Map.of());
            Topics shared = Topics.from(base);
            TopicProvisioner.createMissing(base.streamsProperties(), shared.all(), PARTITIONS, (short) 1);
            ServiceCatalog catalog = ServiceCatalog.generate(SERVICES, 7);
            try (InputWriter writer = new InputWriter(broker.bootstrapServers(), shared)) {
                writer.publishCatalog(catalog, Instant.now());
                List<String> lines = new java.util.ArrayList<>();
                if (realistic > 0) {
                    lines.addAll(measureMix("realistic", AlertMix.Kind.REALISTIC, realistic, catalog, writer, lag, broker, dir, true));
                }
                if (unique > 0) {
                    lines.addAll(measureMix("unique", AlertMix.Kind.ALL_UNIQUE, unique, catalog, writer, lag, broker, dir, realistic == 0));
                }
                System.out.println();
                System.out.println("== summary ==");
                lines.forEach(System.out::println);
                System.out.println("load average at end: " + Machine.loadAverage());
            }
        }
    }

    private static List<String> measureMix(String mixName, AlertMix.Kind kind, long count, ServiceCatalog catalog,
                                           InputWriter writer, GroupLag lag, BrokerProcess broker, Path dir, boolean warmUp)
            throws Exception {
        String input = "bench." + mixName + ".alerts.raw";
        InputWriter.createTopic(lag.admin(), input, PARTITIONS, Map.of());
        AlertMix mix = AlertMix.of(kind, catalog, RULES, 42);
        System.out.println(writer.writeAlerts(mix, input, count));
        System.out.println("mix " + mixName + ": " + mix.counts());
        if (warmUp) {
            System.out.println("warm-up (not counted): " + passThrough(mixName + "-warmup", input, lag, broker, dir));
        }
        ConsumptionRun.Result pt1 = passThrough(mixName + "-pt1", input, lag, broker, dir);
        System.out.println(pt1);
        ConsumptionRun.Result full = full(mixName + "-full", input, lag, broker, dir);
        System.out.println(full);
        ConsumptionRun.Result pt2 = passThrough(mixName + "-pt2", input, lag, broker, dir);
        System.out.println(pt2);
        double ptMean = (pt1.recordsPerSecond() + pt2.recordsPerSecond()) / 2;
        double target = kind == AlertMix.Kind.REALISTIC ? 0.5 : 0.25;
        double ratio = full.recordsPerSecond() / ptMean;
        String verdict = String.format(Locale.ROOT, "%s: full %,.0f/s vs pass-through %,.0f/s (mean of %,.0f and %,.0f) = %.2f x (target >= %.2f: %s)",
                mixName, full.recordsPerSecond(), ptMean, pt1.recordsPerSecond(), pt2.recordsPerSecond(), ratio, target,
                ratio >= target ? "MET" : "MISSED");
        System.out.println(verdict);
        return List.of("mix " + mixName + ": " + mix.counts(), pt1.toString(), full.toString(), pt2.toString(), verdict);
    }

    private static ConsumptionRun.Result passThrough(String run, String input, GroupLag lag, BrokerProcess broker, Path dir)
            throws Exception {
        AlertflowConfig cfg = BenchConfig.of(broker.bootstrapServers(), dir.resolve("state"), run, input, Map.of());
        String output = "bench." + run + ".out";
        InputWriter.createTopic(lag.admin(), output, PARTITIONS, Map.of());
        return ConsumptionRun.run("pass-through " + run, PassThrough.build(input, output), cfg.streamsProperties(), input, lag,
                Duration.ofMinutes(10));
    }

    private static ConsumptionRun.Result full(String run, String input, GroupLag lag, BrokerProcess broker, Path dir) throws Exception {
        AlertflowConfig cfg = BenchConfig.of(broker.bootstrapServers(), dir.resolve("state"), run, input, Map.of());
        Topics topics = Topics.from(cfg);
        TopicProvisioner.createMissing(cfg.streamsProperties(), topics.all(), PARTITIONS, (short) 1);
        ConsumptionRun.Result result = ConsumptionRun.run("full topology " + run, AlertflowTopology.build(cfg, topics),
                cfg.streamsProperties(), input, lag, Duration.ofMinutes(20));
        System.out.println(OutputCounts.describe(lag, topics, run, lag.size(input)));
        return result;
    }
}
