package io.alertflow.benchmark;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Load harness for any Alertmanager-API-v2 receiver (the gateway, or Alertmanager itself for
 * comparison): {@code connections} clients post batches of {@code batch} alerts drawn from
 * {@code distinct} label sets (after the first pass every notification is a re-send, as with
 * Prometheus re-sending active alerts), and report accepted alerts/s, request latency percentiles,
 * and the CPU time and RSS of the measured process. Not a test: numbers depend on the machine.
 */
@Command(name = "gateway-benchmark", mixinStandardHelpOptions = true, description = "Posts Alertmanager-format batches and measures throughput.")
public final class GatewayBenchmark implements Callable<Integer> {
    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080/api/v2/alerts", description = "Receiver URL (default: ${DEFAULT-VALUE}).")
    URI url;
    @Option(names = "--token", description = "Bearer token, if the receiver needs one.")
    String token;
    @Option(names = "--connections", defaultValue = "4")
    int connections;
    @Option(names = "--batch", defaultValue = "100")
    int batch;
    @Option(names = "--distinct", defaultValue = "20000")
    int distinct;
    @Option(names = "--warmup", defaultValue = "PT10S", description = "ISO-8601 duration (default: ${DEFAULT-VALUE}).")
    Duration warmup;
    @Option(names = "--duration", defaultValue = "PT30S", description = "ISO-8601 duration measured after warm-up (default: ${DEFAULT-VALUE}).")
    Duration duration;
    @Option(names = "--pid", description = "Process whose CPU and RSS are reported (default: this JVM).")
    Long pid;

    /** What one run measured. */
    public record Result(long alerts, long requests, long failures, double seconds, double alertsPerSecond, double p50Ms, double p99Ms,
                         double cpuCoresUsed, long rssKiB) {
        @Override
        public String toString() {
            return String.format("%,d alerts in %,d requests (%d failed) over %.1f s: %,.0f alerts/s; latency p50 %.1f ms, p99 %.1f ms; "
                    + "CPU %.2f cores; RSS %,d MiB", alerts, requests, failures, seconds, alertsPerSecond, p50Ms, p99Ms, cpuCoresUsed, rssKiB / 1024);
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new GatewayBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        long target = pid != null ? pid : ProcessHandle.current().pid();
        Result result = run(url, token, connections, batch, distinct, warmup, duration, target);
        System.out.println(result);
        return result.failures() == 0 ? 0 : 1;
    }

    /** Runs warm-up then the measured phase against {@code url}; CPU and RSS are read from /proc for {@code pid}. */
    public static Result run(URI url, String token, int connections, int batch, int distinct, Duration warmup, Duration duration, long pid)
            throws Exception {
        List<byte[]> bodies = bodies(batch, distinct);
        phase(url, token, connections, bodies, warmup);
        double cpuBefore = cpuSeconds(pid);
        long start = System.nanoTime();
        Phase measured = phase(url, token, connections, bodies, duration);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (cpuSeconds(pid) - cpuBefore) / seconds;
        long[] latencies = measured.latencies();
        Arrays.sort(latencies);
        return new Result(measured.requests() * batch - measured.failures() * batch, measured.requests(), measured.failures(), seconds,
                (measured.requests() - measured.failures()) * batch / seconds, percentile(latencies, 0.50), percentile(latencies, 0.99),
                cpu, rssKiB(pid));
    }

    private record Phase(long requests, long failures, long[] latencies) {
    }

    private static Phase phase(URI url, String token, int connections, List<byte[]> bodies, Duration length) throws Exception {
        List<byte[]> requests = bodies.stream().map(body -> request(url, token, body)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        long deadline = System.nanoTime() + length.toNanos();
        AtomicLong failures = new AtomicLong();
        List<Future<long[]>> workers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int offset = c;
            workers.add(pool.submit(() -> {
                long[] latencies = new long[1 << 20];
                int count = 0;
                RawHttpConnection connection = new RawHttpConnection(url);
                try {
                    for (int i = offset; System.nanoTime() < deadline && count < latencies.length; i += connections) {
                        long t0 = System.nanoTime();
                        int status;
                        try {
                            status = connection.exchange(requests.get(i % requests.size()));
                        } catch (IOException e) {
                            status = -1;
                            connection.close();
                            connection = new RawHttpConnection(url);
                        }
                        if (status / 100 != 2) {
                            failures.incrementAndGet();
                        }
                        latencies[count++] = System.nanoTime() - t0;
                    }
                } finally {
                    connection.close();
                }
                return Arrays.copyOf(latencies, count);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> worker : workers) {
            all.add(worker.get());
        }
        pool.shutdown();
        long[] latencies = all.stream().flatMapToLong(Arrays::stream).toArray();
        return new Phase(latencies.length, failures.get(), latencies);
    }

    /** A complete HTTP/1.1 request, headers and body, encoded once: the client should cost the machine as little as possible. */
    private static byte[] request(URI url, String token, byte[] body) {
        String head = "POST " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, out, headBytes.length, body.length);
        return out;
    }

    /** Pre-built request bodies (client CPU must not dominate on a shared 2-core machine); endsAt is far ahead so all are firing. */
    static List<byte[]> bodies(int batch, int distinct) {
        Random random = new Random(1);
        String startsAt = Instant.now().minusSeconds(60).toString();
        String endsAt = Instant.now().plus(Duration.ofDays(1)).toString();
        List<byte[]> bodies = new ArrayList<>();
        for (int b = 0; b < 500; b++) {
            StringBuilder json = new StringBuilder("[");
            for (int i = 0; i < batch; i++) {
                int n = random.nextInt(distinct);
                json.append(i == 0 ? "" : ",").append("{\"labels\":{\"alertname\":\"Bench").append(n % 50)
                        .append("\",\"service\":\"svc-").append(n % 40).append("\",\"instance\":\"host-").append(n)
                        .append("\",\"severity\":\"warning\"},\"annotations\":{\"summary\":\"benchmark alert ").append(n)
                        .append("\"},\"startsAt\":\"").append(startsAt).append("\",\"endsAt\":\"").append(endsAt)
                        .append("\",\"generatorURL\":\"http://prometheus:9090/graph?g0.expr=up\"}");
            }
            bodies.add(json.append(']').toString().getBytes(StandardCharsets.UTF_8));
        }
        return bodies;
    }

    private static double percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        return sortedNanos[Math.min(sortedNanos.length - 1, (int) Math.ceil(p * sortedNanos.length) - 1)] / 1e6;
    }

    /** utime + stime of a process from /proc, in seconds (Linux; 100 ticks per second). */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    static long rssKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
