package io.alertflow.bench.hotpath;

import io.alertflow.avro.AlertChange;
import io.alertflow.avro.ChangeType;
import io.alertflow.avro.Decision;
import io.alertflow.avro.Incident;
import io.alertflow.avro.IncidentMetrics;
import io.alertflow.avro.Page;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Tally;
import io.alertflow.bench.load.AlertMix;
import io.alertflow.bench.load.ServiceCatalog;
import io.alertflow.correlation.DependencyGraph;
import io.alertflow.incident.InMemoryIncidentStore;
import io.alertflow.incident.IncidentEngine;
import io.alertflow.incident.IncidentOutput;
import io.alertflow.incident.IncidentSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The lifecycle step of the incident engine: a new alert occurrence of one of a domain's 20 services joins
 * the open incident of its correlation key (relation by dependency hops, root cause, priority, the
 * emitted incident), on a map store, so the figure is the engine's own cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class IncidentStepBench {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private IncidentEngine engine;
    private List<RawAlert> alerts;
    private String key;
    private long step;
    private Blackhole sink;

    @Setup(Level.Trial)
    public void setUp(Blackhole blackhole) {
        sink = blackhole;
        ServiceCatalog catalog = ServiceCatalog.generate(500, 7);
        DependencyGraph graph = DependencyGraph.of(catalog.services());
        InMemoryIncidentStore store = new InMemoryIncidentStore();
        engine = new IncidentEngine(IncidentSettings.defaults(), () -> graph, store, store, new Discard());
        AlertMix mix = AlertMix.of(AlertMix.Kind.ALL_UNIQUE, ServiceCatalog.generate(ServiceCatalog.DOMAIN_SIZE, 7), 40, 1);
        alerts = new ArrayList<>();
        for (int i = 0; i < 1 << 14; i++) {
            alerts.add(mix.next(T0));
        }
        key = graph.correlationKey(ServiceCatalog.name(0), null);
        engine.onAlertChange(key, change(alerts.get(0), T0));
    }

    /** One FIRED alert change (a new occurrence) joining the domain's open incident. */
    @Benchmark
    public void joinOpenIncident() {
        Instant at = T0.plusMillis(++step);
        engine.onAlertChange(key, change(alerts.get((int) (step % alerts.size())), at));
    }

    private static AlertChange change(RawAlert alert, Instant at) {
        return AlertChange.newBuilder().setFingerprint(alert.getFingerprint()).setChange(ChangeType.FIRED).setAlert(alert)
                .setOccurrence(1).setFlap(false).setDuplicates(0).setEffectiveStartsAt(alert.getStartsAt()).setDetectedAt(at)
                .setAt(at).setReleasedFrom(null).build();
    }

    /** Swallows what the engine emits (into the blackhole, so nothing is optimised away). */
    private final class Discard implements IncidentOutput {
        @Override
        public void clock(Instant eventTime) {
        }

        @Override
        public void incident(Incident incident) {
            sink.consume(incident);
        }

        @Override
        public void page(Page page) {
            sink.consume(page);
        }

        @Override
        public void metrics(IncidentMetrics metrics) {
            sink.consume(metrics);
        }

        @Override
        public void tally(Tally tally) {
            sink.consume(tally);
        }

        @Override
        public void index(String indexKey, String value) {
            sink.consume(value);
        }

        @Override
        public void rejected(Object input, String reason) {
            sink.consume(reason);
        }

        @Override
        public void decision(Decision decision) {
            sink.consume(decision);
        }
    }
}
