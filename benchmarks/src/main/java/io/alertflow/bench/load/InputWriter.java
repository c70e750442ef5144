package io.alertflow.bench.load;

import io.alertflow.avro.RawAlert;
import io.alertflow.streams.topics.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes the benchmark inputs: the service catalog and the maintenance window (through the project's
 * serdes, so the app reads them like production data) and pre-generated alerts in the Confluent wire format,
 * keyed by fingerprint, stamped with their {@code receivedAt} like the gateway does.
 */
public final class InputWriter implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final Topics topics;
    private final String bootstrap;

    public InputWriter(String bootstrapServers, Topics topics) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        // Not idempotent: on a busy 2-core machine a fresh broker sometimes answered a first batch too late and the
        // idempotent producer then looped on OutOfOrderSequence until the delivery timeout. A rare duplicate input
        // record is harmless here (the rates count what the apps committed).
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.bootstrap = bootstrapServers;
        this.topics = topics;
    }

    /** Creates {@code name} with {@code partitions} partitions and the given topic configs, unless it exists. */
    public static void createTopic(Admin admin, String name, int partitions, Map<String, String> configs) throws Exception {
        if (!admin.listTopics().names().get().contains(name)) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all().get();
        }
        awaitLeaders(admin, name);
    }

    /** A topic just created may not have leaders yet; a producer would then wait for metadata mid-benchmark. */
    public static void awaitLeaders(Admin admin, String name) throws Exception {
        for (int attempt = 0; attempt < 300; attempt++) {
            try {
                var description = admin.describeTopics(List.of(name)).allTopicNames().get().get(name);
                if (description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    return;
                }
            } catch (java.util.concurrent.ExecutionException e) {
                // UnknownTopicOrPartition right after creation: the metadata has not reached the broker yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("topic " + name + " has partitions without a leader");
    }

    /** Publishes the catalog to the services topic and the window to the maintenance windows topic. */
    public void publishCatalog(ServiceCatalog catalog, Instant now) throws Exception {
        publishCatalog(catalog, MaintenanceWindows.window(now));
    }

    /** Publishes the catalog and the given window. */
    public void publishCatalog(ServiceCatalog catalog, io.alertflow.avro.MaintenanceWindow window) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            awaitLeaders(admin, topics.services().name());
            awaitLeaders(admin, topics.maintenanceWindows().name());
        }
        Serializer<io.alertflow.avro.Service> services = topics.services().valueSerde().serializer();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (var service : catalog.services()) {
            sent.add(producer.send(new ProducerRecord<>(topics.services().name(), service.getName(),
                    services.serialize(topics.services().name(), service))));
        }
        sent.add(producer.send(new ProducerRecord<>(topics.maintenanceWindows().name(), window.getId(),
                topics.maintenanceWindows().valueSerde().serializer().serialize(topics.maintenanceWindows().name(), window))));
        for (Future<RecordMetadata> f : sent) {
            f.get();
        }
    }

    /** Generates {@code count} alerts from {@code mix} into {@code topic}; returns a line with the producer's rate. */
    public String writeAlerts(AlertMix mix, String topic, long count) throws Exception {
        Serializer<RawAlert> serializer = topics.alertsRaw().valueSerde().serializer();
        long start = System.nanoTime();
        long bytes = 0;
        java.util.concurrent.atomic.AtomicLong failed = new java.util.concurrent.atomic.AtomicLong();
        for (long i = 0; i < count; i++) {
            Instant now = Instant.now();
            RawAlert alert = mix.next(now);
            byte[] value = serializer.serialize(topic, alert);
            bytes += value.length;
            producer.send(new ProducerRecord<>(topic, null, now.toEpochMilli(), alert.getFingerprint(), value),
                    (metadata, e) -> {
                        if (e != null) {
                            failed.incrementAndGet();
                        }
                    });
        }
        producer.flush();
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " of " + count + " alerts could not be written to " + topic);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return String.format(Locale.ROOT, "wrote %,d alerts (%,d B avg) to %s in %.1f s (%,.0f/s, generation included)", count,
                bytes / Math.max(1, count), topic, seconds, count / seconds);
    }

    /** The producer, for benchmarks that write at a fixed rate. */
    public KafkaProducer<String, byte[]> producer() {
        return producer;
    }

    @Override
    public void close() {
        producer.close();
    }
}
