package io.alertflow.anomaly;

import io.alertflow.streams.state.StateStores;
import io.alertflow.avro.Anomaly;
import io.alertflow.avro.AnomalyKind;
import io.alertflow.streams.clock.TimerMode;
import io.alertflow.streams.clock.Timers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Counts new alert occurrences per service and minute and, on a timer, closes each minute once its grace
 * period is over and feeds the count (0 when no alert came) to the {@link SurgeDetector}.
 *
 * <p>Input: key = service, value = fingerprint, timestamp = event time of the FIRED change. Output: raised
 * and cleared {@link Anomaly} records keyed by service, timestamped with the end of the minute.
 *
 * <p>Bounded state: a minute's count is deleted from {@link AnomalyStage#SURGE_COUNTS_STORE} as soon as it
 * is closed (the window store's retention is only a backstop), and a service whose last alert is older
 * than {@code anomaly.surge.idle-retention} loses its baseline in {@link AnomalyStage#SURGE_STATE_STORE}
 * (a raised surge clears first: the quiet minutes bring it back under the band).
 */
final class AlertRateSurgeProcessor implements Processor<String, String, String, Anomaly> {
    private static final Logger LOG = LoggerFactory.getLogger(AlertRateSurgeProcessor.class);
    private static final long MINUTE = SurgeDetector.MINUTE_MS;

    private final SurgeDetector detector;
    private final long grace;
    private final long idleRetention;
    private final Timers timers;
    private ProcessorContext<String, Anomaly> context;
    private WindowStore<String, Long> counts;
    private KeyValueStore<String, SurgeState> states;
    /**
     * No minute of any service closes and no service goes idle before this (epoch ms), so a tick before it skips
     * the scan of every service's state, which would change nothing. Starts unknown, so the first tick after a
     * restart scans.
     */
    private long nextDue = Long.MIN_VALUE;

    AlertRateSurgeProcessor(AnomalySettings settings, TimerMode mode) {
        this.detector = SurgeDetector.from(settings);
        this.grace = settings.surgeGrace().toMillis();
        this.idleRetention = settings.surgeIdleRetention().toMillis();
        this.timers = new Timers(mode, settings.punctuateInterval());
    }

    /** The supplier that also declares both stores, so wiring needs no separate addStateStore. */
    static ProcessorSupplier<String, String, String, Anomaly> supplier(AnomalySettings settings, TimerMode mode,
                                                                       StateStores stores) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, String, String, Anomaly> get() {
                return new AlertRateSurgeProcessor(settings, mode);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(countsStore(settings, stores), stateStore(stores));
            }
        };
    }

    static StoreBuilder<WindowStore<String, Long>> countsStore(AnomalySettings settings, StateStores stores) {
        // Backstop retention only: closed minutes are deleted explicitly.
        Duration retention = settings.surgeGrace().plus(settings.punctuateInterval()).plusMinutes(10);
        return stores.window(AnomalyStage.SURGE_COUNTS_STORE, retention, Duration.ofMillis(MINUTE), Serdes.String(),
                Serdes.Long());
    }

    static StoreBuilder<KeyValueStore<String, SurgeState>> stateStore(StateStores stores) {
        return stores.keyValue(AnomalyStage.SURGE_STATE_STORE, Serdes.String(), StateSerdes.surgeState());
    }

    @Override
    public void init(ProcessorContext<String, Anomaly> context) {
        this.context = context;
        this.counts = context.getStateStore(AnomalyStage.SURGE_COUNTS_STORE);
        this.states = context.getStateStore(AnomalyStage.SURGE_STATE_STORE);
        timers.schedule(context, this::closeDueMinutes);
    }

    @Override
    public void process(org.apache.kafka.streams.processor.api.Record<String, String> record) {
        String service = record.key();
        long at = record.timestamp();
        long minute = floorMinute(at);
        SurgeState state = states.get(service);
        if (state == null) {
            // Minutes before this one minus the grace are closed: an alert within grace of this one still counts.
            state = SurgeState.start(floorMinute(at - grace) - MINUTE, at);
        }
        if (minute <= state.closedThrough()) {
            // The change itself continues to correlation; only this count is lost, so no dead letter.
            LOG.debug("alert for {} at {} arrived after its minute was closed (grace {} ms); not counted",
                    service, Instant.ofEpochMilli(at), grace);
            return;
        }
        Long sofar = counts.fetch(service, minute);
        counts.put(service, sofar == null ? 1L : sofar + 1, minute);
        SurgeState counted = state.withLastCountedAt(at);
        states.put(service, counted);
        nextDue = Math.min(nextDue, dueOf(counted));
    }

    /** Closes, per service, every minute whose grace is over, oldest first, and drops idle services. */
    void closeDueMinutes(Instant now) {
        long at = now.toEpochMilli();
        if (at < nextDue) {
            return;
        }
        List<KeyValue<String, SurgeState>> all = new ArrayList<>();
        try (KeyValueIterator<String, SurgeState> it = states.all()) {
            it.forEachRemaining(all::add);
        }
        long next = Long.MAX_VALUE;
        for (KeyValue<String, SurgeState> entry : all) {
            SurgeState kept = closeDueMinutes(entry.key, entry.value, at);
            if (kept != null) {
                next = Math.min(next, dueOf(kept));
            }
        }
        nextDue = next;
    }

    /** When {@code s} next needs a scan: its oldest open minute's grace is over, or it goes idle. */
    private long dueOf(SurgeState s) {
        return Math.min(s.closedThrough() + 2 * MINUTE + grace, s.lastCountedAt() + idleRetention + 1);
    }

    /** Closes the service's due minutes; returns its state afterwards, null when it was dropped as idle. */
    private SurgeState closeDueMinutes(String service, SurgeState state, long now) {
        SurgeState s = state;
        for (long minute = s.closedThrough() + MINUTE; minute + MINUTE + grace <= now; minute += MINUTE) {
            Long count = counts.fetch(service, minute);
            if (count != null) {
                counts.put(service, null, minute);
            }
            SurgeDetector.Step step = detector.observe(s, service, minute, count == null ? 0 : count);
            s = step.state();
            if (step.detection() != null) {
                context.forward(new org.apache.kafka.streams.processor.api.Record<>(service,
                        step.detection().toAnomaly(AnomalyKind.ALERT_RATE_SURGE, service, null), step.detection().windowEnd()));
            }
            if (isIdle(s, minute + MINUTE)) {
                states.delete(service);
                return null;
            }
        }
        if (isIdle(s, now)) {
            states.delete(service);
            return null;
        }
        if (s != state) {
            states.put(service, s);
        }
        return s;
    }

    private boolean isIdle(SurgeState s, long now) {
        return !s.raised() && now - s.lastCountedAt() > idleRetention;
    }

    private static long floorMinute(long at) {
        return Math.floorDiv(at, MINUTE) * MINUTE;
    }
}
