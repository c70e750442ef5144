package io.alertflow.metrics;

import io.alertflow.avro.NoiseReport;
import io.alertflow.avro.Tally;
import io.alertflow.streams.clock.Timers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps one {@link NoiseReport} per alert rule and emits it on every update. Bounded: a rule not
 * updated for {@code noise.retention} is dropped by a sweep of the whole store (and counts from zero if it
 * returns).
 *
 * <p>The sweep reads every report, so it runs every 1/{@value #SWEEPS_PER_RETENTION} of the retention (at
 * most {@code timers.interval} often) rather than at every timer tick: with the default 7 days a rule stays
 * at most ~1.7 hours past its retention, and a store of thousands of rules is not decoded every 5 seconds.
 */
public final class NoiseProcessor implements Processor<String, Tally, String, NoiseReport> {
    /** The store of noise reports, keyed by rule. */
    public static final String STORE = "noise-store";
    /** How many sweeps per retention period. */
    static final int SWEEPS_PER_RETENTION = 100;

    private final Timers timers;
    private final Duration retention;
    private ProcessorContext<String, NoiseReport> context;
    private KeyValueStore<String, NoiseReport> store;

    public NoiseProcessor(Timers timers, Duration retention) {
        this.timers = timers;
        this.retention = retention;
    }

    @Override
    public void init(ProcessorContext<String, NoiseReport> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        sweeps(timers, retention).schedule(context, this::forgetIdleRules);
    }

    @Override
    public void process(Record<String, Tally> record) {
        Tally t = record.value();
        if (t.getAlertname() == null) {
            return;
        }
        NoiseReport report = store.get(record.key());
        if (report == null) {
            report = NoiseMath.empty(t.getAlertname(), t.getService(), t);
        }
        NoiseMath.add(report, t);
        store.put(record.key(), report);
        context.forward(record.withValue(report));
    }

    /** The timers of the sweep: the stage's clock, every retention / {@value #SWEEPS_PER_RETENTION} or slower. */
    static Timers sweeps(Timers timers, Duration retention) {
        Duration every = retention.dividedBy(SWEEPS_PER_RETENTION);
        return new Timers(timers.mode(), every.compareTo(timers.interval()) > 0 ? every : timers.interval());
    }

    private void forgetIdleRules(Instant now) {
        List<String> idle = new ArrayList<>();
        try (KeyValueIterator<String, NoiseReport> it = store.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value.getUpdatedAt().plus(retention).isBefore(now)) {
                    idle.add(kv.key);
                }
            });
        }
        idle.forEach(store::delete);
    }
}
