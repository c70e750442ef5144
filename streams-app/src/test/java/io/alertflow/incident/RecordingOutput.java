package io.alertflow.incident;

import io.alertflow.avro.Incident;
import io.alertflow.avro.IncidentMetrics;
import io.alertflow.avro.Page;
import io.alertflow.avro.Tally;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects everything the engine emits, for assertions. */
final class RecordingOutput implements IncidentOutput {
    final List<Incident> incidents = new ArrayList<>();
    /** Deep copies of {@link #incidents} taken as they were emitted: the engine must not change a version it emitted. */
    final List<Incident> asEmitted = new ArrayList<>();
    final List<Page> pages = new ArrayList<>();
    final List<IncidentMetrics> metrics = new ArrayList<>();
    final List<Tally> tallies = new ArrayList<>();
    final Map<String, String> index = new LinkedHashMap<>();
    final List<String> rejections = new ArrayList<>();
    final List<io.alertflow.avro.Decision> decisions = new ArrayList<>();

    @Override
    public void decision(io.alertflow.avro.Decision decision) {
        decisions.add(decision);
    }

    @Override
    public void clock(java.time.Instant eventTime) {
        // Tests read event times from the records themselves.
    }

    @Override
    public void incident(Incident incident) {
        incidents.add(incident);
        asEmitted.add(Incident.newBuilder(incident).build());
    }

    @Override
    public void page(Page page) {
        pages.add(page);
    }

    @Override
    public void metrics(IncidentMetrics m) {
        metrics.add(m);
    }

    @Override
    public void tally(Tally tally) {
        tallies.add(tally);
    }

    @Override
    public void index(String key, String value) {
        if (value == null) {
            index.remove(key);
        } else {
            index.put(key, value);
        }
    }

    @Override
    public void rejected(Object input, String reason) {
        rejections.add(reason);
    }

    /** The latest version of each incident, by id. */
    Map<String, Incident> latest() {
        Map<String, Incident> latest = new LinkedHashMap<>();
        incidents.forEach(i -> latest.put(i.getId(), i));
        return latest;
    }
}
