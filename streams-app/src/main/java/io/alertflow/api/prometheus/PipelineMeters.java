package io.alertflow.api.prometheus;

import io.alertflow.avro.Anomaly;
import io.alertflow.avro.AnomalyKind;
import io.alertflow.avro.DeadLetter;
import io.alertflow.avro.Incident;
import io.alertflow.avro.IncidentMetrics;
import io.alertflow.avro.Page;
import io.alertflow.avro.PageKind;
import io.alertflow.avro.Priority;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The app's pipeline counters, incremented by peek nodes in the topology as records pass.
 *
 * <p>Why count in the processors: the counts are exact for what this instance processed, cost one in-memory
 * increment per record and need no extra consumer; "alerts received" and "duplicates" are on no output topic
 * at all, and an API-side consumer of the outputs would count every partition on every instance (or join the
 * rebalances of a shared group). Each instance exports its own counts and Prometheus sums them. Trade-off:
 * like every client-side counter under exactly-once, a record re-processed after a crash or an aborted
 * transaction is counted again; counters are for rates and dashboards, the topics are the record of truth.
 */
public final class PipelineMeters {
    public static final String ALERTS_RECEIVED = "alertflow.alerts.received";
    public static final String DUPLICATES = "alertflow.alerts.duplicates";
    public static final String SUPPRESSED = "alertflow.alerts.suppressed";
    public static final String DEAD_LETTERS = "alertflow.dead.letters";
    public static final String ANOMALIES = "alertflow.anomalies";
    public static final String INCIDENTS_OPENED = "alertflow.incidents.opened";
    public static final String PAGES = "alertflow.pages";
    public static final String TTA = "alertflow.incident.tta";
    public static final String TTR = "alertflow.incident.ttr";

    private final MeterRegistry registry;
    private final boolean counts;
    private final Counter received;
    private final Counter duplicates;
    private final Counter suppressed;
    private final Map<Priority, Counter> opened = new EnumMap<>(Priority.class);
    private final Map<PageKind, Counter> pages = new EnumMap<>(PageKind.class);
    private final Map<AnomalyKind, Counter> anomalies = new EnumMap<>(AnomalyKind.class);

    /** Registers the counters in {@code registry}, every fixed tag value at zero so dashboards see them at once. */
    public PipelineMeters(MeterRegistry registry) {
        this(registry, true);
    }

    private PipelineMeters(MeterRegistry registry, boolean counts) {
        this.registry = registry;
        this.counts = counts;
        received = Counter.builder(ALERTS_RECEIVED).description("Valid alert notifications received, re-sends included").register(registry);
        duplicates = Counter.builder(DUPLICATES).description("Re-sends absorbed by deduplication").register(registry);
        suppressed = Counter.builder(SUPPRESSED).description("New occurrences held by a maintenance window").register(registry);
        for (Priority p : Priority.values()) {
            if (!p.name().equals("UNKNOWN")) {
                opened.put(p, Counter.builder(INCIDENTS_OPENED).tag("priority", p.name())
                        .description("Incidents opened, by priority at opening").register(registry));
            }
        }
        for (PageKind k : PageKind.values()) {
            if (k != PageKind.UNKNOWN) {
                pages.put(k, Counter.builder(PAGES).tag("kind", k.name()).description("Pages emitted, by kind").register(registry));
            }
        }
        for (AnomalyKind k : AnomalyKind.values()) {
            if (!k.name().equals("UNKNOWN")) {
                anomalies.put(k, Counter.builder(ANOMALIES).tag("kind", k.name()).description("Anomalies detected, by kind").register(registry));
            }
        }
        Counter.builder(DEAD_LETTERS).tag("stage", "validate").description("Records sent to the dead-letter topic, by stage").register(registry);
    }

    /** Meters that count into nothing: for topologies built without an API (tests, what-if). */
    public static PipelineMeters disabled() {
        return new PipelineMeters(new CompositeMeterRegistry(), false);
    }

    /**
     * Whether counting reaches anything: false for {@link #disabled()} meters, so a topology built with them can leave
     * its counting nodes out (each re-sent alert passes two).
     */
    public boolean counts() {
        return counts;
    }

    public void alertReceived() {
        received.increment();
    }

    public void duplicate() {
        duplicates.increment();
    }

    public void suppressed() {
        suppressed.increment();
    }

    public void deadLetter(DeadLetter letter) {
        Counter.builder(DEAD_LETTERS).tag("stage", letter.getStage() == null ? "unknown" : letter.getStage())
                .description("Records sent to the dead-letter topic, by stage").register(registry).increment();
    }

    public void anomaly(Anomaly anomaly) {
        Counter c = anomalies.get(anomaly.getKind());
        if (c != null) {
            c.increment();
        }
    }

    /** Counts an incident's first version as opened. */
    public void incident(Incident incident) {
        Counter c = incident.getVersion() == 1 ? opened.get(incident.getPriority()) : null;
        if (c != null) {
            c.increment();
        }
    }

    public void page(Page page) {
        Counter c = pages.get(page.getKind());
        if (c != null) {
            c.increment();
        }
    }

    /** Records TTA (when acknowledged) and TTR of a resolved incident for each of its services: MTTA/MTTR = sum / count. */
    public void resolved(IncidentMetrics m) {
        for (String service : m.getServices()) {
            if (m.getTtaMs() != null) {
                timer(TTA, service, "Time to acknowledge of resolved incidents, per involved service").record(Duration.ofMillis(m.getTtaMs()));
            }
            timer(TTR, service, "Time to resolve of resolved incidents, per involved service").record(Duration.ofMillis(m.getTtrMs()));
        }
    }

    private Timer timer(String name, String service, String description) {
        return Timer.builder(name).tag("service", service).description(description).register(registry);
    }
}
