package io.alertflow.correlation;

import io.alertflow.avro.CorrelationEvent;
import io.alertflow.avro.DeadLetter;
import io.alertflow.avro.IncidentAction;
import io.alertflow.dlq.DeadLetters;
import io.alertflow.streams.clock.TimerMode;
import io.alertflow.streams.clock.Timers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a responder action to the key that owns its incident (looked up in the {@link IncidentIndex}); an action
 * naming only a fingerprint (a PagerDuty acknowledge by dedup_key) is addressed to the incident holding that alert.
 * Output values are {@link CorrelationEvent}s, or {@link DeadLetter}s.
 *
 * <p>The index is a global store that the global thread loads from its topic, so it can trail a brand-new incident
 * by a moment: an acknowledgement sent by a bot the instant the page arrives could find its incident unknown. Such an
 * action waits in {@value #PENDING_STORE} and is tried again at every timer tick until its incident is known, or is
 * dead-lettered once {@code actions.unknown-wait} has passed. Later actions for the same incident (or alert) wait
 * behind it, so an acknowledge and a resolve still reach the incident in the order they were sent. The store is
 * bounded: at most {@value #MAX_PENDING} actions wait; beyond that an unknown incident's action is dead-lettered at
 * once, and every entry leaves after the wait.
 */
public final class ActionRouter implements Processor<String, IncidentAction, String, Object> {
    /** (held-at millis, partition, offset) → the dead letter the action becomes if its incident stays unknown. */
    public static final String PENDING_STORE = "actions-pending";
    /** At most this many actions wait for their incident at a time, per task. */
    static final int MAX_PENDING = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(ActionRouter.class);

    private final Serializer<IncidentAction> serializer;
    private final Deserializer<IncidentAction> deserializer;
    private final String topic;
    private final Timers timers;
    private final Duration wait;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, String> index;
    private KeyValueStore<Bytes, DeadLetter> pending;
    /** How many actions wait, per incident reference; rebuilt from the store at start. */
    private final Map<String, Integer> waiting = new HashMap<>();
    private int waitingTotal;

    public ActionRouter(Serializer<IncidentAction> serializer, Deserializer<IncidentAction> deserializer, String topic,
                        Timers timers, Duration wait) {
        this.serializer = serializer;
        this.deserializer = deserializer;
        this.topic = topic;
        this.timers = timers;
        this.wait = wait;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.index = context.getStateStore(IncidentIndex.STORE);
        this.pending = context.getStateStore(PENDING_STORE);
        try (KeyValueIterator<Bytes, DeadLetter> it = pending.all()) {
            it.forEachRemaining(kv -> countWaiting(reference(action(kv.value)), 1));
        }
        timers.schedule(context, this::retry);
    }

    @Override
    public void process(Record<String, IncidentAction> record) {
        IncidentAction action = record.value();
        String reference = reference(action);
        if (reference == null) {
            context.forward(record.withValue(deadLetter(record,
                    "action " + action.getAction() + " names neither an incidentId nor a fingerprint; set one of them")));
            return;
        }
        if (!waiting.containsKey(reference)) {
            KeyValue<String, CorrelationEvent> routed = route(action);
            if (routed != null) {
                // The incident stage reads this from the repartition topic; its dead letters must name the action's input.
                context.forward(record.withKey(routed.key).withValue(routed.value)
                        .withHeaders(DeadLetters.withOrigin(record.headers(), context.recordMetadata())));
                return;
            }
        }
        if (wait.isZero() || waitingTotal >= MAX_PENDING) {
            String why = wait.isZero() ? "" : "; " + MAX_PENDING + " actions were already waiting for their incidents";
            context.forward(record.withValue(deadLetter(record, unknown(action) + why)));
            return;
        }
        long now = timers.mode() == TimerMode.WALL_CLOCK ? context.currentSystemTimeMs() : record.timestamp();
        int partition = context.recordMetadata().map(m -> m.partition()).orElse(-1);
        long offset = context.recordMetadata().map(m -> m.offset()).orElse(-1L);
        pending.put(pendingKey(now, partition, offset), deadLetter(record, unknown(action) + " (waited " + human(wait) + ")"));
        countWaiting(reference, 1);
        LOG.info("action {} for {} waits for its incident to be known (up to {})", action.getAction(), reference, human(wait));
    }

    /** Tries every waiting action again, oldest first: routes those now known, dead-letters those out of time. */
    void retry(Instant now) {
        if (waitingTotal == 0) {
            return;
        }
        List<KeyValue<Bytes, DeadLetter>> all = new ArrayList<>();
        try (KeyValueIterator<Bytes, DeadLetter> it = pending.all()) {
            it.forEachRemaining(all::add);
        }
        Set<String> stillWaiting = new HashSet<>();
        for (KeyValue<Bytes, DeadLetter> entry : all) {
            IncidentAction action = action(entry.value);
            String reference = reference(action);
            if (stillWaiting.contains(reference)) {
                continue; // behind an earlier action for the same incident
            }
            KeyValue<String, CorrelationEvent> routed = route(action);
            long timestamp = entry.value.getAt().toEpochMilli();
            if (routed != null) {
                context.forward(new Record<>(routed.key, (Object) routed.value, timestamp, DeadLetters.withOrigin(
                        new RecordHeaders(), entry.value.getSourceTopic(),
                        entry.value.getPartition(), entry.value.getOffset())));
            } else if (heldAt(entry.key) + wait.toMillis() <= now.toEpochMilli()) {
                LOG.info("action {} for {} dead-lettered: its incident stayed unknown for {}", action.getAction(), reference, human(wait));
                context.forward(new Record<>(action.getIncidentId(), (Object) entry.value, timestamp));
            } else {
                stillWaiting.add(reference);
                continue;
            }
            pending.delete(entry.key);
            countWaiting(reference, -1);
        }
    }

    /** The correlation key and routed event for an action whose incident the index knows, else null. */
    private KeyValue<String, CorrelationEvent> route(IncidentAction action) {
        String incidentId = action.getIncidentId() != null ? action.getIncidentId()
                : IncidentIndex.incidentOf(index, action.getFingerprint());
        String key = IncidentIndex.keyOf(index, incidentId);
        if (key == null) {
            return null;
        }
        IncidentAction routed = IncidentAction.newBuilder(action).setIncidentId(incidentId).build();
        return KeyValue.pair(key, new CorrelationEvent(key, routed));
    }

    /** What an action waits for: its incident, or the alert it names; null when it names neither. */
    private static String reference(IncidentAction action) {
        if (action.getIncidentId() != null) {
            return "id:" + action.getIncidentId();
        }
        return action.getFingerprint() == null ? null : "fp:" + action.getFingerprint();
    }

    private void countWaiting(String reference, int delta) {
        waiting.merge(reference, delta, (a, b) -> a + b == 0 ? null : a + b);
        waitingTotal += delta;
    }

    private IncidentAction action(DeadLetter letter) {
        return deserializer.deserialize(topic, DeadLetters.originalValue(letter));
    }

    private static String unknown(IncidentAction action) {
        if (action.getIncidentId() != null) {
            return "action " + action.getAction() + " names incident " + action.getIncidentId()
                    + ", which is unknown (never opened, or forgotten after incident.retention); check the id";
        }
        return "action " + action.getAction() + " names alert " + action.getFingerprint()
                + ", which belongs to no known incident; check the dedup_key/fingerprint";
    }

    private DeadLetter deadLetter(Record<String, IncidentAction> record, String error) {
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        byte[] value = serializer.serialize(topic, record.value());
        return DeadLetters.of(context.recordMetadata(), key, value, CorrelationRouter.STAGE, error,
                Instant.ofEpochMilli(record.timestamp()));
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Held-at first, so the store iterates in arrival order; partition and offset make the key unique. */
    static Bytes pendingKey(long heldAt, int partition, long offset) {
        return Bytes.wrap(ByteBuffer.allocate(20).putLong(Math.max(0, heldAt)).putInt(partition).putLong(offset).array());
    }

    private static long heldAt(Bytes key) {
        return ByteBuffer.wrap(key.get()).getLong();
    }
}
