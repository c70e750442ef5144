package io.alertflow.reliability.harness;

import io.alertflow.avro.Incident;
import io.alertflow.avro.RawAlert;
import io.alertflow.streams.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
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
 *
 * <p>Where the input has a gap (no record for at least one whole step, e.g. before the sentinels three hours
 * after the last episode), the next step moves stream time past the stale deadline of the last probes in one
 * jump. Their STALE changes would then come from dedup's punctuation at the jump and reach the incident engine
 * after the first record of the jump, which has already moved its stream time past the probes' escalation and
 * observation deadlines: whether the engine's punctuation runs before or after those STALE changes depends on
 * how many records Kafka Streams processes between two punctuations, i.e. on timing (in a 200,000-record
 * reference run, three probes escalated instead of resolving). So a step after a gap first resolves those
 * probes with an ordinary RESOLVED notification stamped just after the previous step: a record, processed in
 * order before the jump, the same in every run.
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
        // One batch in flight: a batch retried after a later one was appended is refused by the broker as out of
        // order and its records are lost (seen once on a topic created moments before: the first 94 records of a
        // run missing, the run then compared against a different input). Every run must write the same input.
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
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
        producer.partitionsFor(alertsTopic); // waits for the topic's metadata before the first step
    }

    /** One step of the lockstep: what is written, and the probe whose incident shows it was processed. */
    public record Step(List<CrashScenario.Input> inputs, String probeService) {
    }

    /**
     * Cuts the scenario into steps of {@code step} event time, each ending with a probe; a step after a gap
     * starts with RESOLVED notifications of the probes whose stale deadline (probe time + {@code staleAfter}) the
     * steps so far have not passed.
     */
    public static List<Step> plan(CrashScenario scenario, Duration step, Duration staleAfter) {
        long first = scenario.alerts().get(0).at().toEpochMilli();
        TreeMap<Long, List<CrashScenario.Input>> steps = bySteps(scenario, first, step);
        List<Step> plan = new ArrayList<>();
        List<CrashScenario.Input> firingProbes = new ArrayList<>();
        long previousKey = -1;
        for (Map.Entry<Long, List<CrashScenario.Input>> e : steps.entrySet()) {
            List<CrashScenario.Input> batch = new ArrayList<>();
            if (!plan.isEmpty()) {
                long reached = first + (previousKey + 1) * step.toMillis() - 1;
                // Deadlines the steps so far have passed are left to dedup's timers (probes are whole steps apart,
                // so such a deadline lies at least 30 s before the last probe, far more than timers.interval).
                firingProbes.removeIf(p -> p.at().plus(staleAfter).toEpochMilli() <= reached);
                if (e.getKey() > previousKey + 1) {
                    Instant at = Instant.ofEpochMilli(reached + 1);
                    firingProbes.forEach(p -> batch.add(CrashScenario.resolved(p, at)));
                    firingProbes.clear();
                }
            }
            batch.addAll(e.getValue());
            long probeAt = first + (e.getKey() + 1) * step.toMillis() - 1;
            CrashScenario.Input probe = CrashScenario.probe(plan.size(), Instant.ofEpochMilli(probeAt));
            batch.add(probe);
            firingProbes.add(probe);
            plan.add(new Step(List.copyOf(batch), CrashScenario.probeService(plan.size())));
            previousKey = e.getKey();
        }
        return plan;
    }

    /** The scenario's inputs by step number (empty steps are absent). */
    private static TreeMap<Long, List<CrashScenario.Input>> bySteps(CrashScenario scenario, long first, Duration step) {
        TreeMap<Long, List<CrashScenario.Input>> steps = new TreeMap<>();
        for (CrashScenario.Input in : scenario.alerts()) {
            steps.computeIfAbsent((in.at().toEpochMilli() - first) / step.toMillis(), k -> new ArrayList<>()).add(in);
        }
        return steps;
    }

    /**
     * Writes the scenario step by step ({@link #plan}), waiting for each step's probe, and calls {@code hook}
     * after every step; {@code staleAfter} is the streams app's {@code alert.stale-after}.
     */
    public int feed(CrashScenario scenario, Duration step, Duration staleAfter, Duration timeout, Hook hook) {
        List<Step> steps = plan(scenario, step, staleAfter);
        int index = 0;
        for (Step s : steps) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            s.inputs().forEach(in -> sent.add(producer.send(
                    new ProducerRecord<>(alertsTopic, null, in.at().toEpochMilli(), in.key(), in.alert()))));
            producer.flush();
            requireWritten(sent, index);
            awaitProbe(s.probeService(), timeout);
            hook.afterStep(++index, steps.size());
        }
        return steps.size();
    }

    /** Fails the run when a record of the step was not written: the comparison needs the same input in every run. */
    private static void requireWritten(List<Future<RecordMetadata>> sent, int step) {
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw new AssertionError("the feeder could not write a record of step " + step + ": " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while writing step " + step, e);
            }
        }
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
