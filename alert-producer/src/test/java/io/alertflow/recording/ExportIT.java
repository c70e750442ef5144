package io.alertflow.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.ChangeEvent;
import io.alertflow.avro.ChangeKind;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Service;
import io.alertflow.avro.Severity;
import io.alertflow.json.RecordingLine;
import io.alertflow.json.RecordingReader;
import io.alertflow.serde.ConfluentAvroSerializer;
import io.alertflow.testing.KafkaTestCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Export from a real broker: the time range, read_committed, undecodable records named, timestamp order across topics. */
class ExportIT {
    /** Recent enough for the broker (it refuses timestamps more than an hour ahead of its clock). */
    static final Instant T0 = Instant.now().minus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    static final String REGISTRY = "mock://export-it-" + UUID.randomUUID();
    static KafkaTestCluster kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kafka = KafkaTestCluster.start();
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void exportsTheRangeInTimestampOrderSkippingAbortedAndUndecodableRecords() throws Exception {
        String p = "t" + UUID.randomUUID().toString().substring(0, 8) + ".";
        kafka.createTopics(p + "alerts.raw", p + "services", p + "changes", p + "maintenance.windows");
        produce(p + "alerts.raw", null, alert(T0.minusSeconds(60)), T0.minusSeconds(60)); // before --from
        produce(p + "alerts.raw", null, alert(T0.plusSeconds(30)), T0.plusSeconds(30));
        produce(p + "alerts.raw", null, alert(T0.plusSeconds(3600)), T0.plusSeconds(3600)); // at --to: excluded
        produce(p + "services", "billing", Service.newBuilder().setName("billing").setTier(1).build(), T0.plusSeconds(10));
        produce(p + "maintenance.windows", "mw-1", null, T0.plusSeconds(20)); // a deleted window
        produce(p + "changes", "billing", change("d-1"), T0.plusSeconds(30));
        produceAborted(p + "changes", change("d-aborted"), T0.plusSeconds(40));
        produceBytes(p + "changes", new byte[] {1, 2, 3}, T0.plusSeconds(50));
        Path out = dir.resolve("rec.jsonl");
        StringWriter err = new StringWriter();

        int code = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            CommandLine cli = new CommandLine(new ExportCommand());
            cli.setErr(new PrintWriter(err));
            return cli.execute("--bootstrap-servers", kafka.bootstrapServers(), "--schema-registry-url", REGISTRY,
                    "--config", config(p).toString(), "--from", T0.toString(), "--to", T0.plusSeconds(3600).toString(),
                    "--topics", "alerts.raw,services,changes,maintenance.windows", "--output", out.toString());
        });

        assertEquals(0, code, err.toString());
        List<RecordingLine> lines = new ArrayList<>();
        try (RecordingReader r = RecordingReader.open(out, ExportCommand.INPUT_TOPICS)) {
            for (RecordingLine l = r.next(); l != null; l = r.next()) {
                lines.add(l);
            }
        }
        assertEquals(List.of("services", "maintenance.windows", "alerts.raw", "changes"),
                lines.stream().map(RecordingLine::topic).toList(), "SPEC names, timestamp order, ties in --topics order");
        assertEquals(List.of(T0.plusSeconds(10), T0.plusSeconds(20), T0.plusSeconds(30), T0.plusSeconds(30)),
                lines.stream().map(l -> Instant.ofEpochMilli(l.timestamp())).toList());
        assertNull(lines.get(1).value(), "a tombstone stays a tombstone");
        assertEquals("mw-1", lines.get(1).key());
        assertEquals("d-1", ((ChangeEvent) lines.get(3).value()).getId(), "the aborted change is not exported");
        assertTrue(err.toString().contains(p + "changes-0@"), "the undecodable record is named: " + err);
        assertTrue(err.toString().contains("1 undecodable"), err.toString());
    }

    @Test
    void aMissingTopicIsAClearError() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ExportCommand());
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("--bootstrap-servers", kafka.bootstrapServers(), "--schema-registry-url", REGISTRY,
                "--config", "/dev/null", "--from", T0.toString(), "--topics", "alerts.raw", "--output", dir.resolve("x").toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("'alerts.raw' does not exist"), err.toString());
    }

    private Path config(String prefix) throws Exception {
        StringBuilder b = new StringBuilder();
        for (String t : List.of("alerts.raw", "services", "changes", "maintenance.windows")) {
            b.append("topic.").append(t).append('=').append(prefix).append(t).append('\n');
        }
        b.append("kafka.request.timeout.ms=20000\n");
        return java.nio.file.Files.writeString(dir.resolve("export.properties"), b.toString());
    }

    static RawAlert alert(Instant at) {
        return RawAlert.newBuilder().setFingerprint(null).setSource("prometheus").setStatus(AlertStatus.FIRING)
                .setSeverity(Severity.CRITICAL).setLabels(Map.of("alertname", "DiskFull", "service", "billing"))
                .setAnnotations(Map.of()).setStartsAt(at).setEndsAt(null).setReceivedAt(at).setGeneratorUrl(null).setValue(null).build();
    }

    static ChangeEvent change(String id) {
        return ChangeEvent.newBuilder().setId(id).setService("billing").setKind(ChangeKind.DEPLOY).setVersion("v1")
                .setAuthor("ci").setAt(T0).build();
    }

    static <V extends org.apache.avro.specific.SpecificRecord> void produce(String topic, String key, V value, Instant at) {
        ConfluentAvroSerializer<V> values = new ConfluentAvroSerializer<>();
        values.configure(Map.of("schema.registry.url", REGISTRY), false);
        kafka.produce(new StringSerializer(), values, List.of(new ProducerRecord<>(topic, null, at.toEpochMilli(), key, value)));
    }

    static void produceBytes(String topic, byte[] value, Instant at) {
        kafka.produce(new ByteArraySerializer(), new ByteArraySerializer(),
                List.of(new ProducerRecord<>(topic, null, at.toEpochMilli(), null, value)));
    }

    static void produceAborted(String topic, ChangeEvent value, Instant at) {
        Map<String, Object> config = new HashMap<>(kafka.producerConfig());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "export-it-" + UUID.randomUUID());
        ConfluentAvroSerializer<ChangeEvent> values = new ConfluentAvroSerializer<>();
        values.configure(Map.of("schema.registry.url", REGISTRY), false);
        try (KafkaProducer<String, ChangeEvent> producer = new KafkaProducer<>(config, new StringSerializer(), values)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, null, at.toEpochMilli(), "billing", value));
            producer.flush();
            producer.abortTransaction();
        }
    }
}
