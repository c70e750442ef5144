package io.alertflow.bench.whatif;

import io.alertflow.alert.Fingerprint;
import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Severity;
import io.alertflow.bench.machine.Machine;
import io.alertflow.json.RecordingLine;
import io.alertflow.whatif.Recording;
import io.alertflow.whatif.RunResult;
import io.alertflow.whatif.WhatIfRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Benchmark harness (not a test): generates N alert notifications in memory with a realistic re-send mix and
 * measures what-if throughput, alerts per second of the whole offline run (driver start to report).
 *
 * <p>The mix: {@code ACTIVE} alerts are firing at any time, each re-sent every 30 s as Prometheus does; in every
 * 30 s round 2 % of them resolve and as many new ones start, so about 96 % of notifications are re-sends,
 * 2 % new occurrences and 2 % resolutions, spread over 300 services (60 dependency chains of 5).
 *
 * <p>Keys: by default each alert is keyed by its fingerprint, which it also carries, as the gateway writes alerts and
 * so as {@code ./alertflow export} records them; with {@code unkeyed} alerts have neither (as a custom producer may
 * write them), so validation computes every fingerprint and repartitions every alert by it.
 *
 * <p>Run: {@code benchmarks/run whatif [alerts] [rounds] [keyed|unkeyed]} (pinned to one core with {@code taskset}
 * when available).
 */
public final class WhatIfBenchmark {
    static final int ACTIVE = 2_000;
    static final int SERVICES = 300;
    static final Instant T0 = Instant.parse("2026-11-21T00:00:00Z");

    private WhatIfBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        boolean keyed = args.length <= 2 || switch (args[2]) {
            case "keyed" -> true;
            case "unkeyed" -> false;
            default -> throw new IllegalArgumentException("keys: keyed or unkeyed, got " + args[2]);
        };
        System.out.println(Machine.describe());
        System.out.println("alerts " + (keyed ? "keyed by fingerprint" : "without key or fingerprint"));
        Recording small = Recording.of(generate(50_000, keyed));
        new WhatIfRun(new WhatIfRun.Options(null, Duration.ZERO)).run(Map.of(), small); // warm-up: JIT
        Recording recording = Recording.of(generate(n, keyed));
        for (int r = 1; r <= rounds; r++) {
            long start = System.nanoTime();
            RunResult result = new WhatIfRun(new WhatIfRun.Options(null, Duration.ofMinutes(15))).run(Map.of(), recording);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("round %d: %,d alerts in %.2f s = %,.0f alerts/s (duplicates %,d, incidents %,d, pages %,d)%n",
                    r, n, seconds, n / seconds, result.totals().duplicates(), result.totals().incidents(), result.totals().pages());
        }
    }

    /** {@code n} notifications: a services catalogue first, then rounds of re-sends with 2 % turnover. */
    static List<RecordingLine> generate(int n, boolean keyed) {
        Random random = new Random(42);
        List<RecordingLine> lines = new ArrayList<>(n + SERVICES);
        for (int s = 0; s < SERVICES; s++) {
            List<String> deps = s % 5 == 4 ? List.of() : List.of(service(s + 1));
            lines.add(new RecordingLine("services", T0.toEpochMilli(), service(s), io.alertflow.avro.Service.newBuilder()
                    .setName(service(s)).setTier(1 + s % 4).setDependsOn(deps).build()));
        }
        Active[] active = new Active[ACTIVE];
        int nextId = 0;
        for (int i = 0; i < ACTIVE; i++) {
            active[i] = new Active(nextId++, random.nextInt(SERVICES), T0);
        }
        long spacing = 30_000 / ACTIVE;
        long at = T0.toEpochMilli();
        int emitted = 0;
        while (emitted < n) {
            for (int i = 0; i < ACTIVE && emitted < n; i++, at += spacing) {
                Instant now = Instant.ofEpochMilli(at);
                boolean turnover = random.nextInt(100) < 2;
                lines.add(alert(active[i], turnover ? AlertStatus.RESOLVED : AlertStatus.FIRING, now, keyed));
                emitted++;
                if (turnover) {
                    active[i] = new Active(nextId++, random.nextInt(SERVICES), now);
                }
            }
        }
        return lines;
    }

    private record Active(int id, int service, Instant startsAt) {
    }

    private static RecordingLine alert(Active a, AlertStatus status, Instant at, boolean keyed) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", "Rule" + (a.id() % 97));
        labels.put("service", service(a.service()));
        labels.put("instance", "i-" + a.id());
        String fingerprint = keyed ? Fingerprint.of(labels) : null;
        RawAlert raw = RawAlert.newBuilder().setFingerprint(fingerprint).setSource("prometheus").setStatus(status)
                .setSeverity(Severity.values()[a.id() % 4]).setLabels(labels).setAnnotations(Map.of("summary", "it broke"))
                .setStartsAt(a.startsAt()).setEndsAt(status == AlertStatus.RESOLVED ? at : null).setReceivedAt(at)
                .setGeneratorUrl(null).setValue(null).build();
        return new RecordingLine("alerts.raw", at.toEpochMilli(), fingerprint, raw);
    }

    private static String service(int s) {
        return "svc-" + s;
    }
}
