package io.alertflow.streams;

import static io.alertflow.streams.TopologyFixture.firing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.alert.Fingerprint;
import io.alertflow.api.prometheus.PipelineMeters;
import io.alertflow.avro.AlertChange;
import io.alertflow.avro.Anomaly;
import io.alertflow.avro.ChangeType;
import io.alertflow.avro.DeadLetter;
import io.alertflow.avro.MaintenanceWindow;
import io.alertflow.avro.Matcher;
import io.alertflow.avro.MetricSample;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.SuppressedAlert;
import io.alertflow.streams.config.AlertflowConfig;
import io.alertflow.streams.topics.TopicProvisioner;
import io.alertflow.streams.topics.Topics;
import io.alertflow.testing.KafkaTestCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spine on a real in-process KRaft broker with the real Confluent-wire serde (mock:// registry), under
 * exactly_once_v2 and the production Kafka defaults: bad bytes are dead-lettered, a window loads through the
 * check and the global store, a covered alert is suppressed, re-sends of another alert become one FIRED even when
 * some were produced to another partition than their key's; and, on the whole topology, one metric series produced
 * without keys over both partitions is followed by one task.
 */
class AlertflowStreamsIT {
    private static final String CHANGES = "it.alert-changes";
    /** One registry for the class: each test's application reads what the other wrote to the shared topics. */
    private static final String REGISTRY = "mock://" + UUID.randomUUID();
    private static KafkaTestCluster cluster;

    @TempDir
    static Path stateDir;

    @BeforeAll
    static void startBroker() {
        cluster = KafkaTestCluster.start();
    }

    @AfterAll
    static void stopBroker() {
        cluster.close();
    }

    @Test
    void badInputIsDeadLetteredWindowsSuppressAndResendsCollapse() throws Exception {
        AlertflowConfig cfg = config(stateDir, Map.of());
        Topics topics = Topics.from(cfg);
        Properties props = cfg.streamsProperties();
        List<String> topicsToCreate = new ArrayList<>(TopicProvisioner.createMissing(props, topics.all(), 2, (short) 1));
        cluster.createTopics(CHANGES);
        assertTrue(topicsToCreate.contains("alerts.raw"));

        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
        AlertflowTopology.spine(builder, cfg, topics, StreamsMain.alertPartitions(props, topics)).changes()
                .to(CHANGES, Produced.with(Serdes.String(), topics.alertChangeSerde()).withName("it-changes-sink"));
        try (KafkaStreams streams = new KafkaStreams(builder.build(props), props)) {
            streams.start();
            Instant now = Instant.now();
            Map<String, String> db = Map.of("alertname", "PostgresDown", "service", "orders-db");
            Map<String, String> api = Map.of("alertname", "HighLatency", "service", "checkout-api");

            MaintenanceWindow window = MaintenanceWindow.newBuilder().setId("mw-db").setName("db upgrade")
                    .setMatchers(List.of(new Matcher("service", "=", "orders-db")))
                    .setStartsAt(now.minusSeconds(60)).setEndsAt(now.plusSeconds(3600)).setRecurrence(null).build();
            cluster.produce(Serdes.String().serializer(), topics.maintenanceWindows().valueSerde().serializer(),
                    List.of(new ProducerRecord<>(topics.maintenanceWindows().name(), "mw-db", window)));
            cluster.produce(Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer(), List.of(
                    new ProducerRecord<>(topics.maintenanceWindows().name(), bytes("mw-x"), bytes("garbage window")),
                    new ProducerRecord<>(topics.alertsRaw().name(), bytes("k"), bytes("garbage alert"))));
            // The window reaches the global store through the check and maintenance.windows.valid.
            cluster.consume(topics.maintenanceWindowsValid().name(), Serdes.String().deserializer(),
                    topics.maintenanceWindowsValid().valueSerde().deserializer(), 1);
            Thread.sleep(1000);

            List<ProducerRecord<String, RawAlert>> alerts = new ArrayList<>();
            alerts.add(new ProducerRecord<>(topics.alertsRaw().name(), null, now.toEpochMilli(), null, firing(db, now)));
            // Two of the five are keyed by fingerprint but on the other partition, as a producer with another
            // partitioner (librdkafka's CRC32) would put them: validation moves them to the key's partition.
            int otherPartition = 1 - BuiltInPartitioner.partitionForKey(bytes(Fingerprint.of(api)), 2);
            for (int i = 0; i < 5; i++) {
                Instant at = now.plusMillis(i * 10L);
                Integer partition = i % 2 == 1 ? otherPartition : null;
                alerts.add(new ProducerRecord<>(topics.alertsRaw().name(), partition, at.toEpochMilli(), Fingerprint.of(api), firing(api, at)));
            }
            cluster.produce(Serdes.String().serializer(), topics.alertsRaw().valueSerde().serializer(), alerts);

            List<ConsumerRecord<byte[], DeadLetter>> letters = cluster.consume(topics.alertsDlq().name(),
                    Serdes.ByteArray().deserializer(), topics.alertsDlq().valueSerde().deserializer(), 2);
            assertEquals(List.of("alerts.raw", "maintenance.windows"),
                    letters.stream().map(r -> r.value().getSourceTopic()).sorted().toList());
            List<ConsumerRecord<String, SuppressedAlert>> held = cluster.consume(topics.alertsSuppressed().name(),
                    Serdes.String().deserializer(), topics.alertsSuppressed().valueSerde().deserializer(), 1);
            assertEquals(Fingerprint.of(db), held.get(0).key());
            assertEquals("mw-db", held.get(0).value().getWindowId());
            cluster.consume(CHANGES, Serdes.String().deserializer(), topics.alertChangeSerde().deserializer(), 1);
            List<ConsumerRecord<String, AlertChange>> changes = readAll(CHANGES, Serdes.String().deserializer(),
                    topics.alertChangeSerde().deserializer(), Duration.ofSeconds(3));
            assertEquals(1, changes.size(), "five notifications of one alert are one FIRED change");
            assertEquals(ChangeType.FIRED, changes.get(0).value().getChange());
            assertEquals(Fingerprint.of(api), changes.get(0).key());
            assertEquals(KafkaStreams.State.RUNNING, streams.state());
        }
    }

    /**
     * A producer that leaves metric samples unkeyed spreads one series over both partitions; the anomaly stage moves
     * them to the series' task, so the rise is one anomaly. Followed per partition, each half rises too and each task
     * raises its own (two anomalies for one series).
     */
    @Test
    void anUnkeyedMetricSeriesSpreadOverPartitionsRaisesOneAnomaly() throws Exception {
        // The two tasks that move the samples write them to the repartition topic in their own rhythm, so the series
        // arrives a little out of order (samples are produced in small batches, as live ones trickle in); the grace
        // keeps every sample.
        AlertflowConfig cfg = config(stateDir.resolve("metrics"), Map.of("anomaly.metric.grace", "10m"));
        Topics topics = Topics.from(cfg);
        Properties props = cfg.streamsProperties();
        TopicProvisioner.createMissing(props, topics.all(), 2, (short) 1);
        String series = "p99-checkout-" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaStreams streams = new KafkaStreams(AlertflowTopology.build(cfg, topics, PipelineMeters.disabled(),
                StreamsMain.alertPartitions(props, topics)), props)) {
            streams.start();
            awaitRunning(streams);
            List<ProducerRecord<String, MetricSample>> samples =
                    risingSeries(topics.metricsSamples().name(), series, Instant.now().minus(Duration.ofMinutes(70)));
            for (int i = 0; i < samples.size(); i += 10) {
                cluster.produce(Serdes.String().serializer(), topics.metricsSamples().valueSerde().serializer(),
                        samples.subList(i, Math.min(samples.size(), i + 10)));
                Thread.sleep(100);
            }

            List<Anomaly> raised = new ArrayList<>();
            try (KafkaConsumer<String, Anomaly> consumer = new KafkaConsumer<>(cluster.consumerConfig(),
                    Serdes.String().deserializer(), topics.anomalies().valueSerde().deserializer())) {
                consumer.subscribe(List.of(topics.anomalies().name()));
                long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                long quietUntil = Long.MAX_VALUE;
                // Reads until 60 s have passed, or 5 s after the first anomaly: time enough for a second to follow.
                while (System.nanoTime() < Math.min(end, quietUntil)) {
                    for (ConsumerRecord<String, Anomaly> r : consumer.poll(Duration.ofMillis(200))) {
                        if (series.equals(r.value().getSeries()) && !r.value().getCleared()) {
                            raised.add(r.value());
                            quietUntil = Math.min(quietUntil, System.nanoTime() + Duration.ofSeconds(5).toNanos());
                        }
                    }
                }
            }
            assertEquals(1, raised.size(), "one steady rise of one series: " + raised);
            assertEquals("checkout", raised.get(0).getService());
            List<String> letters = readAll(topics.alertsDlq().name(), Serdes.ByteArray().deserializer(),
                    topics.alertsDlq().valueSerde().deserializer(), Duration.ofSeconds(3))
                    .stream().map(r -> r.value().getError()).toList();
            assertEquals(List.of(), letters.stream().filter(e -> e.contains(series)).toList(), "every sample was used");
            assertEquals(KafkaStreams.State.RUNNING, streams.state());
        }
    }

    /** A new application on the class's broker and registry, two partitions per topic, with {@code extra} on top. */
    private static AlertflowConfig config(Path state, Map<String, String> extra) {
        Map<String, String> values = new java.util.HashMap<>(Map.of(
                "bootstrap.servers", cluster.bootstrapServers(),
                "schema.registry.url", REGISTRY,
                "application.id", "alertflow-it-" + UUID.randomUUID().toString().substring(0, 8),
                "state.dir", state.toString(),
                "timers.interval", "1s",
                "topic.partitions", "2"));
        values.putAll(extra);
        return AlertflowConfig.of(values);
    }

    private static void awaitRunning(KafkaStreams streams) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        assertEquals(KafkaStreams.State.RUNNING, streams.state());
    }

    /**
     * 70 minutes of a p99 latency rising 1 % a minute with 5 % noise, one sample every 15 s, unkeyed and put on
     * partitions 0 and 1 in turn.
     */
    private static List<ProducerRecord<String, MetricSample>> risingSeries(String topic, String series, Instant start) {
        Random noise = new Random(5);
        List<ProducerRecord<String, MetricSample>> samples = new ArrayList<>();
        for (int i = 0; i < 70 * 4; i++) {
            Instant at = start.plusSeconds(15L * i);
            double value = 200 * Math.pow(1.01, i / 4.0) * (1 + 0.05 * (2 * noise.nextDouble() - 1));
            MetricSample sample = MetricSample.newBuilder().setSeries(series).setName("http_request_duration_p99_ms")
                    .setService("checkout").setLabels(Map.of()).setAt(at).setValue(value).build();
            samples.add(new ProducerRecord<>(topic, i % 2, at.toEpochMilli(), null, sample));
        }
        return samples;
    }

    /** Everything on the topic after reading for {@code duration}: shows that nothing more arrived. */
    private static <K, V> List<ConsumerRecord<K, V>> readAll(String topic, Deserializer<K> keys, Deserializer<V> values,
                                                            Duration duration) {
        List<ConsumerRecord<K, V>> out = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(cluster.consumerConfig(), keys, values)) {
            consumer.subscribe(List.of(topic));
            long end = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
