package io.alertflow.bench.hotpath;

import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Severity;
import io.alertflow.serde.ConfluentAvroDeserializer;
import io.alertflow.serde.ConfluentAvroSerializer;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The Confluent-wire-format Avro serde on a typical RawAlert (schema id cached after the first call). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SerdeBench {
    private final ConfluentAvroSerializer<RawAlert> serializer = new ConfluentAvroSerializer<>();
    private final ConfluentAvroDeserializer<RawAlert> deserializer = new ConfluentAvroDeserializer<>(RawAlert.class);
    private RawAlert alert;
    private byte[] bytes;

    @Setup
    public void setUp() {
        System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "io.alertflow");
        Map<String, String> config = Map.of("schema.registry.url", "mock://jmh-serde");
        serializer.configure(config, false);
        deserializer.configure(config, false);
        Instant now = Instant.parse("2026-11-21T10:00:00Z");
        alert = RawAlert.newBuilder().setFingerprint("6b157f79b26a43ad").setSource("prometheus").setStatus(AlertStatus.FIRING)
                .setSeverity(Severity.CRITICAL)
                .setLabels(Map.of("alertname", "HighErrorRate", "service", "svc-042", "instance", "svc-042-0:9100", "job", "node",
                        "severity", "critical"))
                .setAnnotations(Map.of("summary", "HighErrorRate on svc-042", "runbook_url", "https://runbooks.example/HighErrorRate"))
                .setStartsAt(now.minusSeconds(30)).setReceivedAt(now).setGeneratorUrl("http://prometheus:9090/graph?g0.expr=up")
                .setValue(0.12).build();
        bytes = serializer.serialize("alerts.raw", alert);
    }

    @Benchmark
    public byte[] serialize() {
        return serializer.serialize("alerts.raw", alert);
    }

    @Benchmark
    public RawAlert deserialize() {
        return deserializer.deserialize("alerts.raw", bytes);
    }
}
