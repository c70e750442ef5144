package io.alertflow.bench.hotpath;

import io.alertflow.alert.Fingerprint;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Alertmanager-compatible fingerprint (FNV-1a 64 over sorted labels) of a typical 5-label alert. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FingerprintBench {
    private final Map<String, String> labels = Map.of("alertname", "HighErrorRate", "service", "svc-042",
            "instance", "svc-042-0:9100", "job", "node", "severity", "critical");

    @Benchmark
    public String fingerprint() {
        return Fingerprint.of(labels);
    }
}
