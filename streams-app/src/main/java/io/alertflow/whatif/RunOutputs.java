package io.alertflow.whatif;

import io.alertflow.avro.Incident;
import io.alertflow.avro.NoiseReport;
import io.alertflow.avro.Page;
import io.alertflow.streams.topics.Handoff;
import io.alertflow.streams.topics.Topic;
import io.alertflow.streams.topics.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Reads what a what-if run wrote, as it goes: the latest state of every incident, every page, and counts of
 * suppressed alerts, anomalies and dead letters; everything else the driver captured (internal topics,
 * changelogs, fed-back topics, when piped with {@code pipeInput}) is read and dropped so that the driver's queues
 * stay small.
 */
final class RunOutputs {
    static final List<String> PAGE_KINDS = List.of("TRIGGER", "ESCALATE", "REOPEN", "RESOLVE");

    private final TopologyTestDriver driver;
    private final Handoff handoff;
    private final TestOutputTopic<String, byte[]> incidentsOut;
    private final Deserializer<Incident> incidentValues;
    private final TestOutputTopic<String, Page> pagesOut;
    private final TestOutputTopic<String, NoiseReport> noiseOut;
    private final Set<String> kept;
    private final Set<String> read;
    private final String incidentsTopic;
    private final String suppressedTopic;
    private final String anomaliesTopic;
    private final String dlqTopic;
    private final Map<String, TestOutputTopic<byte[], byte[]>> dropped = new HashMap<>();

    /** Latest version of every incident, still serialized (a handle): only the last of an incident's versions is ever read. */
    private final Map<String, byte[]> incidents = new HashMap<>();
    private final Map<String, List<PageEvent>> pages = new HashMap<>();
    private final Map<String, NoiseReport> noise = new HashMap<>();
    private long suppressed;
    private long anomalies;
    private long deadLetters;

    RunOutputs(TopologyTestDriver driver, Topics topics, Handoff handoff) {
        this.driver = driver;
        this.handoff = handoff;
        incidentsOut = driver.createOutputTopic(topics.incidents().name(), Serdes.String().deserializer(),
                new ByteArrayDeserializer());
        incidentValues = topics.incidents().valueSerde().deserializer();
        incidentsTopic = topics.incidents().name();
        pagesOut = output(driver, topics.pages());
        noiseOut = output(driver, topics.alertsNoise());
        suppressedTopic = topics.alertsSuppressed().name();
        anomaliesTopic = topics.anomalies().name();
        dlqTopic = topics.alertsDlq().name();
        // copyOf, not Set.of: a configuration may give two outputs the same topic name.
        kept = Set.copyOf(List.of(topics.incidents().name(), topics.pages().name(), topics.alertsNoise().name()));
        read = Stream.concat(kept.stream(), Stream.of(suppressedTopic, anomaliesTopic, dlqTopic))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Whether the result depends on what is written to {@code topic}. */
    boolean reads(String topic) {
        return read.contains(topic);
    }

    private static <V> TestOutputTopic<String, V> output(TopologyTestDriver driver, Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), Serdes.String().deserializer(), topic.valueSerde().deserializer());
    }

    /** Reads everything written since the last call. */
    void collect() {
        incidentsOut.readKeyValuesToList().forEach(kv -> handoff.release(incidents.put(kv.key, kv.value)));
        pagesOut.readValuesToList().forEach(p -> pages.computeIfAbsent(p.getIncidentId(), k -> new ArrayList<>())
                .add(new PageEvent(p.getKind().name(), p.getLevel(), p.getTarget(), p.getAt())));
        noiseOut.readValuesToList().forEach(n -> noise.put(n.getAlertname() + "\u0000" + n.getService(), n));
        for (String topic : driver.producedTopicNames()) {
            if (kept.contains(topic)) {
                continue;
            }
            long n = dropped.computeIfAbsent(topic, t -> driver.createOutputTopic(t, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())).readRecordsToList().size();
            if (topic.equals(suppressedTopic)) {
                suppressed += n;
            } else if (topic.equals(anomaliesTopic)) {
                anomalies += n;
            } else if (topic.equals(dlqTopic)) {
                deadLetters += n;
            }
        }
    }

    /** The run's result; call after the last {@link #collect()}. */
    RunResult result(long alertsIn, Map<String, String> settings) {
        List<IncidentReport> reports = incidents.values().stream()
                .map(bytes -> incidentValues.deserialize(incidentsTopic, bytes)).map(this::report)
                .sorted(Comparator.comparing(IncidentReport::detectedAt).thenComparing(IncidentReport::id)).toList();
        return new RunResult(settings, totals(alertsIn, reports), reports);
    }

    private IncidentReport report(Incident i) {
        return new IncidentReport(i.getId(), i.getCorrelationKey(), i.getTitle(), i.getState().name(), i.getPriority().name(),
                i.getRootCauseService(), List.copyOf(i.getServices()), new TreeSet<>(i.getAlerts()),
                List.copyOf(pages.getOrDefault(i.getId(), List.of())), i.getStartedAt(), i.getDetectedAt(),
                i.getAcknowledgedAt(), i.getResolvedAt(), i.getReopenCount());
    }

    private Totals totals(long alertsIn, List<IncidentReport> reports) {
        Map<String, Long> byKind = new LinkedHashMap<>();
        PAGE_KINDS.forEach(k -> byKind.put(k, 0L));
        pages.values().forEach(list -> list.forEach(p -> byKind.merge(p.kind(), 1L, Long::sum)));
        long pageCount = byKind.values().stream().mapToLong(Long::longValue).sum();
        long duplicates = noise.values().stream().mapToLong(NoiseReport::getDuplicates).sum();
        Double reduction = alertsIn == 0 ? null : Math.round(1000.0 * (1 - (double) pageCount / alertsIn)) / 10.0;
        return new Totals(alertsIn, duplicates, suppressed, anomalies, deadLetters, reports.size(), new TreeMap<>(byKind),
                pageCount, byKind.get("ESCALATE"), reduction,
                mean(reports.stream().map(IncidentReport::ttaMs).toList()),
                mean(reports.stream().map(IncidentReport::ttrMs).toList()),
                mean(reports.stream().map(IncidentReport::ttdMs).toList()));
    }

    static Long mean(Collection<Long> values) {
        long n = 0;
        long sum = 0;
        for (Long v : values) {
            if (v != null) {
                n++;
                sum += v;
            }
        }
        return n == 0 ? null : Math.round((double) sum / n);
    }
}
