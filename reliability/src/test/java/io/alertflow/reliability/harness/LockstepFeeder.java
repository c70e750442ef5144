package io.alertflow.reliability.harness;

import io.alertflow.avro.Incident;
import io.alertflow.avro.RawAlert;
import io.alertflow.streams.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Feeds the scenario in event-time steps and waits after each step until the incident engine has processed
 * it (a probe alert of its own service has become an incident).
 *
 * <p>Why: in {@code stream-time} mode a task's stream time is the newest timestamp of any of its inputs, and the
 * task that runs the incident engine also reads {@code alerts.raw}. Written all at once, the raw input drives
 * stream time to its end long before the repartitioned events reach the engine, so its timers would run once,
 * early, and then not again until a restart (see docs/RELIABILITY.md). Fed in steps, stream time never runs
 * more than one step ahead of the engine's own events, as in a live system.
 */
public final class LockstepFeeder implements AutoCloseable {
    private final KafkaProducer<String, RawAlert> producer;
    private final KafkaConsumer<String, Incident> incidents;
    private final String alertsTopic;
    private final Set<String> probesSeen = new HashSet<>();

    /** Called after each step has been processed; tests kill and restart things here. */
    public interface Hook {
        void afterStep(int step, int steps);
    }

    public LockstepFeeder(String bootstrapServers, Topics topics) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        producer = new KafkaProducer<>(p, Serdes.String().serializer(), topics.alertsRaw().valueSerde().serializer());
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
        incidents = new KafkaConsumer<>(c, Serdes.String().deserializer(), topics.incidents().valueSerde().deserializer());
        TopicPartition partition = new TopicPartition(topics.incidents().name(), 0);
        incidents.assign(List.of(partition));
        incidents.seekToBeginning(List.of(partition));
        alertsTopic = topics.alertsRaw().name();
    }

    /** Writes the scenario step by step ({@code step} of event time each), calling {@code hook} after every step. */
    public int feed(CrashScenario scenario, Duration step, Duration timeout, Hook hook) {
        TreeMap<Long, List<CrashScenario.Input>> steps = new TreeMap<>();
        long first = scenario.alerts().get(0).at().toEpochMilli();
        for (CrashScenario.Input in : scenario.alerts()) {
            steps.computeIfAbsent((in.at().toEpochMilli() - first) / step.toMillis(), k -> new ArrayList<>()).add(in);
        }
        int index = 0;
        for (Map.Entry<Long, List<CrashScenario.Input>> e : steps.entrySet()) {
            List<CrashScenario.Input> batch = new ArrayList<>(e.getValue());
            long probeAt = first + (e.getKey() + 1) * step.toMillis() - 1;
            batch.add(CrashScenario.probe(index, java.time.Instant.ofEpochMilli(probeAt)));
            batch.forEach(in -> producer.send(new ProducerRecord<>(alertsTopic, null, in.at().toEpochMilli(), in.key(), in.alert())));
            producer.flush();
            awaitProbe(CrashScenario.probeService(index), timeout);
            hook.afterStep(++index, steps.size());
        }
        return steps.size();
    }

    private void awaitProbe(String service, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!probesSeen.contains(service)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the engine did not process " + service + " within " + timeout);
            }
            for (ConsumerRecord<String, Incident> r : incidents.poll(Duration.ofMillis(50))) {
                if (r.value() != null) {
                    r.value().getServices().stream().filter(s -> s.startsWith("zz-probe-")).forEach(probesSeen::add);
                }
            }
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        incidents.close(Duration.ofSeconds(5));
    }
}
