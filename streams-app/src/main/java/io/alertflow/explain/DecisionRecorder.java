package io.alertflow.explain;

import io.alertflow.avro.Decision;
import io.alertflow.avro.DecisionLog;
import io.alertflow.streams.clock.DeadlineIndex;
import io.alertflow.streams.clock.Timers;
import java.time.Instant;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Appends each decision to its fingerprint's log in {@value DecisionStage#STORE}; a {@value DecisionStage#DEADLINES}
 * timer index removes a log {@code explain.retention} after its newest decision, so the store holds only the
 * fingerprints that changed recently.
 */
final class DecisionRecorder implements Processor<String, Decision, Void, Void> {
    static final int MAX_EXPIRIES_PER_TICK = 10_000;

    private final ExplainSettings settings;
    private final Timers timers;
    private KeyValueStore<String, DecisionLog> logs;
    private DeadlineIndex expiries;

    DecisionRecorder(ExplainSettings settings, Timers timers) {
        this.settings = settings;
        this.timers = timers;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        logs = context.getStateStore(DecisionStage.STORE);
        KeyValueStore<Bytes, byte[]> index = context.getStateStore(DecisionStage.DEADLINES);
        expiries = new DeadlineIndex(index);
        timers.schedule(context, this::expire);
    }

    @Override
    public void process(Record<String, Decision> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        DecisionLog before = logs.get(record.key());
        DecisionLog after = DecisionLogs.append(before, record.value(), settings.maxDecisions());
        logs.put(record.key(), after);
        if (before == null) {
            // One timer per log: it only moves later, and the pop re-checks and reschedules.
            expiries.schedule(DecisionLogs.expiresAt(after, settings.retention()), record.key());
        }
    }

    private void expire(Instant now) {
        for (DeadlineIndex.Due due : expiries.popDue(now, MAX_EXPIRIES_PER_TICK)) {
            DecisionLog log = logs.get(due.id());
            if (log == null) {
                continue;
            }
            if (DecisionLogs.expired(log, settings.retention(), now)) {
                logs.delete(due.id());
            } else {
                expiries.schedule(DecisionLogs.expiresAt(log, settings.retention()), due.id());
            }
        }
    }
}
