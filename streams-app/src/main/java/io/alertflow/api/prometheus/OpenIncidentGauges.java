package io.alertflow.api.prometheus;

import io.alertflow.api.LocalState;
import io.alertflow.api.Unavailable;
import io.alertflow.avro.IncidentState;
import io.alertflow.avro.Priority;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code alertflow_incidents_open{priority}}: open incidents of this instance's partitions, counted from the
 * incident store at scrape time (one scan per scrape, shared by the five gauges; the store is bounded by
 * incident retention). Summed over instances in Prometheus, it is the whole system's count.
 */
public final class OpenIncidentGauges {
    public static final String OPEN = "alertflow.incidents.open";
    private static final long CACHE_MS = 1_000;

    private final LocalState state;
    private final Clock clock;
    private Map<Priority, Integer> snapshot = new EnumMap<>(Priority.class);
    private long takenAt = Long.MIN_VALUE;

    private OpenIncidentGauges(LocalState state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    /** Registers one gauge per priority. */
    public static void register(MeterRegistry registry, LocalState state, Clock clock) {
        OpenIncidentGauges gauges = new OpenIncidentGauges(state, clock);
        for (Priority p : Priority.values()) {
            if (!p.name().equals("UNKNOWN")) {
                Gauge.builder(OPEN, gauges, g -> g.count(p)).strongReference(true).tag("priority", p.name())
                        .description("Open (not resolved) incidents held by this instance, by priority").register(registry);
            }
        }
    }

    private synchronized double count(Priority p) {
        long now = clock.millis();
        if (takenAt == Long.MIN_VALUE || now - takenAt > CACHE_MS) {
            Map<Priority, Integer> counts = new EnumMap<>(Priority.class);
            try {
                state.forEachIncident(r -> {
                    if (r.getIncident().getState() != IncidentState.RESOLVED) {
                        counts.merge(r.getIncident().getPriority(), 1, Integer::sum);
                    }
                });
            } catch (Unavailable | org.apache.kafka.streams.errors.InvalidStateStoreException e) {
                return Double.NaN; // store rebalancing: no value rather than a wrong zero
            }
            snapshot = counts;
            takenAt = now;
        }
        return snapshot.getOrDefault(p, 0);
    }
}
