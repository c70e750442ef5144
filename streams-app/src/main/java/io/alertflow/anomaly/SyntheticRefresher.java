package io.alertflow.anomaly;

import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.RawAlert;
import io.alertflow.streams.clock.Timers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Re-sends the synthetic alert of every raised anomaly, as Prometheus re-sends a firing alert, so that
 * deduplication does not resolve it as STALE after {@code alert.stale-after} while the anomaly lasts.
 * The re-sends are plain duplicates downstream. Bounded by the number of raised anomalies: an entry
 * leaves the store when its RESOLVED passes through.
 */
public final class SyntheticRefresher implements Processor<String, RawAlert, String, RawAlert> {
    /** Raised synthetic alerts by fingerprint. */
    public static final String STORE = "anomaly-synthetic-active";

    private final Timers timers;
    private final Duration every;
    private ProcessorContext<String, RawAlert> context;
    private KeyValueStore<String, RawAlert> active;

    /** @param every how often raised alerts are re-sent; keep it well under alert.stale-after */
    public SyntheticRefresher(Timers timers, Duration every) {
        this.timers = timers;
        this.every = every;
    }

    @Override
    public void init(ProcessorContext<String, RawAlert> context) {
        this.context = context;
        this.active = context.getStateStore(STORE);
        timers.schedule(context, this::resendDue);
    }

    @Override
    public void process(Record<String, RawAlert> record) {
        RawAlert alert = record.value();
        if (alert.getStatus() == AlertStatus.FIRING) {
            active.put(record.key(), alert);
        } else {
            active.delete(record.key());
        }
        context.forward(record);
    }

    private void resendDue(Instant now) {
        List<KeyValue<String, RawAlert>> due = new ArrayList<>();
        try (KeyValueIterator<String, RawAlert> it = active.all()) {
            it.forEachRemaining(kv -> {
                if (!kv.value.getReceivedAt().plus(every).isAfter(now)) {
                    due.add(kv);
                }
            });
        }
        for (KeyValue<String, RawAlert> kv : due) {
            RawAlert again = RawAlert.newBuilder(kv.value).setReceivedAt(now).build();
            active.put(kv.key, again);
            context.forward(new Record<>(kv.key, again, now.toEpochMilli()));
        }
    }
}
