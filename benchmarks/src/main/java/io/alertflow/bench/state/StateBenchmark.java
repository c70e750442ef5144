package io.alertflow.bench.state;

import io.alertflow.bench.broker.BrokerProcess;
import io.alertflow.bench.broker.ChildJvm;
import io.alertflow.bench.load.AlertMix;
import io.alertflow.bench.load.InputWriter;
import io.alertflow.bench.load.MaintenanceWindows;
import io.alertflow.bench.load.ServiceCatalog;
import io.alertflow.bench.machine.Machine;
import io.alertflow.bench.pipeline.BenchConfig;
import io.alertflow.bench.progress.GroupLag;
import io.alertflow.bench.registry.RegistryPrimer;
import io.alertflow.streams.config.AlertflowConfig;
import io.alertflow.streams.topics.TopicProvisioner;
import io.alertflow.streams.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * State at scale: {@code n} (default 1,000,000) distinct firing alerts, all under a maintenance window so they
 * stay active in the dedup store without opening incidents, consumed by the full topology in a child JVM;
 * then its heap, the RocksDB state on disk, and the time to be back (restored and RUNNING) after SIGKILL with
 * the local state kept, after SIGKILL with it deleted, and after a clean stop.
 */
public final class StateBenchmark {
    private static final String RUN = "state";

    private StateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        System.out.println(Machine.describe());
        Path dir = Files.createTempDirectory(Path.of("/var/tmp"), "alertflow-bench-state-");
        RegistryPrimer.prime(BenchConfig.REGISTRY.substring("mock://".length()));
        try (BrokerProcess broker = BrokerProcess.start(dir.resolve("broker"));
             GroupLag lag = new GroupLag(broker.bootstrapServers())) {
            String input = "bench.state.alerts.raw";
            Path state = dir.resolve("app-state");
            AlertflowConfig cfg = BenchConfig.of(broker.bootstrapServers(), state, RUN, input, Map.of());
            Topics topics = Topics.from(cfg);
            TopicProvisioner.createMissing(cfg.streamsProperties(), topics.all(), 6, (short) 1);
            try (InputWriter writer = new InputWriter(broker.bootstrapServers(), topics)) {
                ServiceCatalog catalog = ServiceCatalog.generate(500, 7);
                writer.publishCatalog(catalog, MaintenanceWindows.everything(Instant.now()));
                System.out.println(writer.writeAlerts(AlertMix.of(AlertMix.Kind.ALL_UNIQUE, catalog, 40, 3), input, n));
            }
            Map<org.apache.kafka.common.TopicPartition, Long> ends = lag.endOffsets(input);
            App app = App.start(broker, dir, state, input, "load");
            long t0 = System.nanoTime();
            awaitCaughtUp(lag, input, ends, app);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "loaded %,d alerts through the full topology in %.1f s (%,.0f/s incl. start-up); load %s%n", n,
                    seconds, n / seconds, Machine.loadAverage());
            Thread.sleep(3_000);
            System.out.println("heap after GC: " + Jcmd.heapAfterGc(app.jvm.pid()) + "; RSS " + Jcmd.rssMiB(app.jvm.pid()) + " MiB");
            System.out.println(diskUsage(state));
            System.out.println("dedup changelog: " + String.format(Locale.ROOT, "%,d", lag.size("bench-" + RUN + "-dedup-store-changelog"))
                    + " records");

            app.jvm.kill();
            System.out.println("SIGKILL, restart with local state kept:    " + App.start(broker, dir, state, input, "kill-keep").awaitBack());
            App again = App.current;
            again.jvm.kill();
            deleteRecursively(state);
            System.out.println("SIGKILL, restart with local state deleted: " + App.start(broker, dir, state, input, "kill-wipe").awaitBack());
            App.current.jvm.close();
            System.out.println("clean stop, restart with local state kept: " + App.start(broker, dir, state, input, "clean").awaitBack());
            App.current.jvm.close();
            System.out.println("target: restore <= 60 s; load average at end: " + Machine.loadAverage());
        }
    }

    private static void awaitCaughtUp(GroupLag lag, String input, Map<org.apache.kafka.common.TopicPartition, Long> ends, App app)
            throws Exception {
        while (true) {
            Thread.sleep(1_000);
            GroupLag.Snapshot s = lag.snapshot("bench-" + RUN, input, ends);
            if (s.caughtUp()) {
                return;
            }
            if (!app.jvm.isAlive()) {
                throw new IllegalStateException("the streams app died; see its log in " + app.log);
            }
        }
    }

    /** RocksDB state on disk, per store, summed over tasks. */
    static String diskUsage(Path state) throws IOException {
        Map<String, Long> byStore = new TreeMap<>();
        long total = 0;
        try (Stream<Path> files = Files.walk(state)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                long size = Files.size(f);
                total += size;
                Path rel = state.relativize(f);
                String store = rel.getNameCount() > 4 && rel.getName(2).toString().equals("rocksdb") ? rel.getName(3).toString() : "(other)";
                byStore.merge(store, size, Long::sum);
            }
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "state on disk: %,.1f MiB", total / 1048576.0));
        byStore.forEach((store, size) -> out.append(String.format(Locale.ROOT, "%n    %-40s %,8.1f MiB", store, size / 1048576.0)));
        return out.toString();
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** One life of the streams app child. */
    private record App(ChildJvm jvm, Path events, Path log, long startedAt) {
        static App current;

        static App start(BrokerProcess broker, Path dir, Path state, String input, String name) throws IOException {
            Path events = dir.resolve("events-" + name + ".txt");
            Path log = dir.resolve("app-" + name + ".log");
            long startedAt = System.currentTimeMillis();
            ChildJvm jvm = ChildJvm.start(StreamsAppMain.class, List.of("-Xmx3g", "-XX:+UseG1GC"),
                    List.of(broker.bootstrapServers(), state.toString(), RUN, input, events.toString()), log);
            current = new App(jvm, events, log, startedAt);
            return current;
        }

        /** Waits until RUNNING with every started restore ended, and no event for 3 s; describes the timings. */
        String awaitBack() throws Exception {
            long deadline = System.currentTimeMillis() + 15 * 60_000;
            while (System.currentTimeMillis() < deadline) {
                Thread.sleep(500);
                AppEvents e = AppEvents.read(events);
                boolean running = e.count("RUNNING") > 0;
                boolean restored = e.count("RESTORE_START") == e.count("RESTORE_END");
                if (running && restored && System.currentTimeMillis() - e.lastEventAt() > 3_000) {
                    long back = Math.max(e.last("RUNNING"), e.last("RESTORE_END"));
                    long jvmStart = e.first("START");
                    return String.format(Locale.ROOT, "back after %.1f s from JVM start (%.1f s from launch); restoring %.1f s, %,d records "
                                    + "restored in %d store partitions; load %s",
                            (back - jvmStart) / 1000.0, (back - startedAt) / 1000.0,
                            e.count("RESTORE_START") == 0 ? 0.0 : (e.last("RESTORE_END") - e.first("RESTORE_START")) / 1000.0,
                            e.restoredRecords(), e.count("RESTORE_END"), Machine.loadAverage());
                }
                if (!jvm.isAlive()) {
                    throw new IllegalStateException("the streams app died; see " + log);
                }
            }
            throw new IllegalStateException("the app was not back within 15 minutes; see " + events);
        }
    }
}
