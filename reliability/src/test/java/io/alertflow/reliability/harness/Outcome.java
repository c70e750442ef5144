package io.alertflow.reliability.harness;

import io.alertflow.avro.Incident;
import io.alertflow.avro.IncidentMetrics;
import io.alertflow.avro.Page;
import io.alertflow.streams.topics.Topic;
import io.alertflow.streams.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;

/**
 * What a run produced, as its consumers see it (read_committed): the latest state of every incident, the
 * pages of every incident in order, and the incident metrics in order. Two runs over the same input are
 * compared with {@link #equals}; records are compared by their full Avro JSON.
 */
public record Outcome(Map<String, String> incidents, Map<String, List<String>> pages, Map<String, List<String>> metrics,
                      int pageRecords, int duplicatePages) {

    /** Reads the three output topics of a run to their end. */
    public static Outcome read(String bootstrapServers, Topics topics) {
        List<ConsumerRecord<String, Incident>> incidents = readAll(bootstrapServers, topics.incidents());
        List<ConsumerRecord<String, Page>> pages = readAll(bootstrapServers, topics.pages());
        List<ConsumerRecord<String, IncidentMetrics>> metrics = readAll(bootstrapServers, topics.incidentMetrics());
        Map<String, String> latest = new TreeMap<>();
        incidents.forEach(r -> latest.put(r.key(), r.value() == null ? "<deleted>" : r.value().toString()));
        Set<String> seen = new HashSet<>();
        int duplicates = 0;
        for (ConsumerRecord<String, Page> page : pages) {
            Page p = page.value();
            if (!seen.add(p.getIncidentId() + "/" + p.getKind() + "/" + p.getLevel() + "/" + p.getIncidentVersion())) {
                duplicates++;
            }
        }
        return new Outcome(latest, grouped(pages, p -> p.getIncidentId()), grouped(metrics, m -> m.getIncidentId()),
                pages.size(), duplicates);
    }

    /** Whether the run has processed its last input: an incident for the "done" sentinel exists. */
    public static boolean sentinelSeen(String bootstrapServers, Topics topics) {
        return readAll(bootstrapServers, topics.incidents()).stream()
                .anyMatch(r -> r.value() != null && r.value().getServices().contains(CrashScenario.SENTINEL_DONE_SERVICE));
    }

    /** Waits for the sentinel, then until the outputs stop growing for two seconds. */
    public static Outcome awaitCompletion(String bootstrapServers, Topics topics, Duration timeout, Runnable whileWaiting) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!sentinelSeen(bootstrapServers, topics)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the run did not finish within " + timeout);
            }
            whileWaiting.run();
            ChildJvm.sleep(500);
        }
        Outcome previous = read(bootstrapServers, topics);
        while (true) {
            ChildJvm.sleep(2000);
            Outcome now = read(bootstrapServers, topics);
            if (now.equals(previous)) {
                return now;
            }
            previous = now;
        }
    }

    public int incidentCount() {
        return incidents.size();
    }

    public int metricsRecords() {
        return metrics.values().stream().mapToInt(List::size).sum();
    }

    /** Pages the other run has for an incident and this one lacks, summed over incidents (order-insensitive). */
    public int pagesMissingComparedTo(Outcome reference) {
        int missing = 0;
        for (Map.Entry<String, List<String>> e : reference.pages.entrySet()) {
            List<String> mine = new ArrayList<>(pages.getOrDefault(e.getKey(), List.of()));
            for (String page : e.getValue()) {
                if (!mine.remove(page)) {
                    missing++;
                }
            }
        }
        return missing;
    }

    /** Empty when equal to {@code reference}; otherwise a short description of the first differences. */
    public String differencesFrom(Outcome reference) {
        StringBuilder out = new StringBuilder();
        describe("incident", reference.incidents, incidents, out);
        describe("pages of incident", reference.pages, pages, out);
        describe("incident.metrics of incident", reference.metrics, metrics, out);
        if (duplicatePages > 0) {
            out.append(duplicatePages).append(" duplicated pages\n");
        }
        return out.toString();
    }

    private static <V> void describe(String what, Map<String, V> expected, Map<String, V> actual, StringBuilder out) {
        Set<String> ids = new java.util.TreeSet<>(expected.keySet());
        ids.addAll(actual.keySet());
        int shown = 0;
        int differing = 0;
        for (String id : ids) {
            V e = expected.get(id);
            V a = actual.get(id);
            if (!java.util.Objects.equals(e, a)) {
                differing++;
                if (shown++ < 2) {
                    out.append(what).append(' ').append(id).append(":\n  expected ").append(cut(e)).append("\n  actual   ")
                            .append(cut(a)).append('\n');
                }
            }
        }
        if (differing > 0) {
            out.append(differing).append(" of ").append(ids.size()).append(' ').append(what).append(" differ\n");
        }
    }

    private static String cut(Object o) {
        String s = String.valueOf(o);
        return s.length() > 600 ? s.substring(0, 600) + "..." : s;
    }

    /** One line of figures for logs and docs. */
    public String summary() {
        return incidentCount() + " incidents, " + pageRecords + " pages (" + duplicatePages + " duplicated), "
                + metricsRecords() + " incident.metrics";
    }

    private static <V> Map<String, List<String>> grouped(List<ConsumerRecord<String, V>> records, Function<V, String> id) {
        Map<String, List<String>> out = new TreeMap<>();
        records.forEach(r -> out.computeIfAbsent(id.apply(r.value()), k -> new ArrayList<>()).add(r.value().toString()));
        return out;
    }

    /** Every committed record of a topic, in offset order (one partition per topic in these runs, but any works). */
    public static <V> List<ConsumerRecord<String, V>> readAll(String bootstrapServers, Topic<String, V> topic) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        List<ConsumerRecord<String, V>> out = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, Serdes.String().deserializer(),
                topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
