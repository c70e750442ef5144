package io.alertflow.dedup;

import io.alertflow.avro.AlertChange;
import io.alertflow.avro.RawAlert;
import io.alertflow.streams.clock.DeadlineIndex;
import io.alertflow.streams.clock.TimerMode;
import io.alertflow.streams.clock.Timers;
import java.time.Instant;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Deduplication by fingerprint over {@value Dedup#STORE} (one get and one put per notification; re-sends are
 * most of the traffic) with a {@value Dedup#DEADLINES} timer index for stale alerts and for forgetting
 * resolved ones after {@code dedup.retention}.
 */
final class DedupProcessor implements Processor<String, RawAlert, String, DedupOutcome> {
    /** Bounds the work of one punctuation; the rest is picked up at the next tick. */
    static final int MAX_TIMERS_PER_TICK = 10_000;

    private final Deduplicator rules;
    private final Timers timers;
    /** Whether {@link Dedup#DUPLICATE} exists: only then are absorbed re-sends forwarded. */
    private final boolean forwardDuplicates;
    private ProcessorContext<String, DedupOutcome> context;
    private KeyValueStore<String, AlertChange> store;
    private DeadlineIndex deadlines;

    DedupProcessor(Deduplicator rules, Timers timers, boolean forwardDuplicates) {
        this.rules = rules;
        this.timers = timers;
        this.forwardDuplicates = forwardDuplicates;
    }

    @Override
    public void init(ProcessorContext<String, DedupOutcome> context) {
        this.context = context;
        this.store = context.getStateStore(Dedup.STORE);
        KeyValueStore<Bytes, byte[]> index = context.getStateStore(Dedup.DEADLINES);
        this.deadlines = new DeadlineIndex(index);
        timers.schedule(context, this::onTimers);
    }

    @Override
    public void process(Record<String, RawAlert> record) {
        String fingerprint = record.key();
        Instant at = Instant.ofEpochMilli(record.timestamp());
        if (timers.mode() == TimerMode.STREAM_TIME && deadlines.anyDue(at)) {
            // Stale changes due by this record's time go out before it, as a live timer would have sent them.
            // Left to the punctuator, they would follow the record that moved stream time, and whether a later
            // stage's own timers run before or after them would depend on how many records the stream thread
            // happened to process between two punctuations (a replay after a gap could page differently).
            onTimers(at);
        }
        AlertChange entry = catchUp(fingerprint, store.get(fingerprint), at);
        Deduplicator.Decision decision = rules.onAlert(entry, record.value(), at);
        apply(fingerprint, decision);
        if (decision.duplicate()) {
            if (!forwardDuplicates) {
                return;
            }
            long duplicates = decision.entry() == null ? 0 : decision.entry().getDuplicates();
            context.forward(record.withValue(new DedupOutcome.Duplicate(record.value(), duplicates)), Dedup.DUPLICATE);
        } else {
            forward(record.withValue(new DedupOutcome.Changed(decision.forward())));
        }
    }

    /**
     * Applies the entry's own timer first when it is due by the record's time, so that whether a late
     * re-send is a refresh or a new occurrence after a STALE never depends on when the punctuator last ran
     * (a restart or a replay must decide exactly as the first run did).
     */
    private AlertChange catchUp(String fingerprint, AlertChange entry, Instant at) {
        if (entry == null || rules.deadlineMillis(entry) > at.toEpochMilli()) {
            return entry;
        }
        Deduplicator.Decision due = rules.onTimer(entry, at);
        if (due.entry() == null) {
            store.delete(fingerprint);
            return null;
        }
        apply(fingerprint, due);
        if (due.forward() != null) {
            forward(new Record<>(fingerprint, new DedupOutcome.Changed(due.forward()), due.forward().getAt().toEpochMilli()));
        }
        return due.entry();
    }

    private void onTimers(Instant now) {
        for (DeadlineIndex.Due due : deadlines.popDue(now, MAX_TIMERS_PER_TICK)) {
            AlertChange entry = store.get(due.id());
            if (entry == null) {
                continue;
            }
            Deduplicator.Decision decision = rules.onTimer(entry, now);
            if (decision.entry() == null) {
                store.delete(due.id());
                continue;
            }
            if (decision.forward() == null) {
                // Refreshed since the timer was set: only move the timer.
                deadlines.schedule(decision.schedule(), due.id());
                continue;
            }
            apply(due.id(), decision);
            long at = decision.forward().getAt().toEpochMilli();
            forward(new Record<>(due.id(), new DedupOutcome.Changed(decision.forward()), at));
        }
    }

    private void forward(Record<String, DedupOutcome> change) {
        context.forward(change, Dedup.CHANGE);
    }

    private void apply(String fingerprint, Deduplicator.Decision decision) {
        if (decision.entry() != null) {
            store.put(fingerprint, decision.entry());
        }
        if (decision.schedule() != null) {
            deadlines.schedule(decision.schedule(), fingerprint);
        }
    }
}
