package io.alertflow.local.demo;

import io.alertflow.avro.Anomaly;
import io.alertflow.avro.DeadLetter;
import io.alertflow.avro.Incident;
import io.alertflow.avro.IncidentMetrics;
import io.alertflow.avro.NoiseReport;
import io.alertflow.avro.Page;
import io.alertflow.avro.SuppressedAlert;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the stack produced during a demo, as read back from the output topics: the latest state of every
 * incident, every page, TTD/TTA/TTR record, suppressed alert, anomaly and dead letter, the latest noise report
 * per alert rule, and how many raw alerts came in. Filled by {@link OutputReader}, read by {@link DemoReport}.
 */
public final class DemoOutcome {
    private final Map<String, Incident> incidents = new LinkedHashMap<>();
    private final List<Page> pages = new ArrayList<>();
    private final List<IncidentMetrics> metrics = new ArrayList<>();
    private final List<SuppressedAlert> suppressed = new ArrayList<>();
    private final List<Anomaly> anomalies = new ArrayList<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private final Map<String, NoiseReport> noise = new LinkedHashMap<>();
    private long alertsIn;

    /** Keeps the newer of two versions of an incident; returns the previous state (null when new). */
    synchronized Incident incident(Incident incident) {
        Incident previous = incidents.get(incident.getId());
        if (previous == null || previous.getVersion() < incident.getVersion()) {
            incidents.put(incident.getId(), incident);
        }
        return previous;
    }

    synchronized void page(Page page) {
        pages.add(page);
    }

    synchronized void metrics(IncidentMetrics m) {
        metrics.add(m);
    }

    synchronized void suppressed(SuppressedAlert s) {
        suppressed.add(s);
    }

    synchronized void anomaly(Anomaly a) {
        anomalies.add(a);
    }

    synchronized void deadLetter(DeadLetter d) {
        deadLetters.add(d);
    }

    synchronized void noise(String key, NoiseReport report) {
        noise.put(key, report);
    }

    synchronized void alertIn() {
        alertsIn++;
    }

    /** Incidents in the order they were detected. */
    public synchronized List<Incident> incidents() {
        List<Incident> list = new ArrayList<>(incidents.values());
        list.sort(Comparator.comparing(Incident::getDetectedAt).thenComparing(Incident::getId));
        return list;
    }

    public synchronized List<Page> pages() {
        return List.copyOf(pages);
    }

    /** The pages of one incident, in order. */
    public synchronized List<Page> pagesOf(String incidentId) {
        return pages.stream().filter(p -> p.getIncidentId().equals(incidentId)).toList();
    }

    public synchronized List<IncidentMetrics> metrics() {
        return List.copyOf(metrics);
    }

    public synchronized List<SuppressedAlert> suppressed() {
        return List.copyOf(suppressed);
    }

    public synchronized List<Anomaly> anomalies() {
        return List.copyOf(anomalies);
    }

    public synchronized List<DeadLetter> deadLetters() {
        return List.copyOf(deadLetters);
    }

    public synchronized Map<String, NoiseReport> noise() {
        return Map.copyOf(noise);
    }

    public synchronized long alertsIn() {
        return alertsIn;
    }

    /** Re-sends absorbed by deduplication, from the latest noise report of every alert rule; null when there is none. */
    public synchronized Long duplicates() {
        if (noise.isEmpty()) {
            return null;
        }
        return noise.values().stream().mapToLong(NoiseReport::getDuplicates).sum();
    }

    /** 1 - pages / alerts in, in percent; null before any alert came in. */
    public synchronized Double noiseReductionPercent() {
        return alertsIn == 0 ? null : 100.0 * (1 - (double) pages.size() / alertsIn);
    }
}
