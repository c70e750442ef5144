package io.alertflow.incident;

import io.alertflow.avro.AlertChange;
import io.alertflow.avro.ChangeEvent;
import io.alertflow.avro.CorrelationEvent;
import io.alertflow.avro.Decision;
import io.alertflow.avro.Incident;
import io.alertflow.avro.IncidentAction;
import io.alertflow.avro.IncidentMetrics;
import io.alertflow.avro.Page;
import io.alertflow.avro.Tally;
import io.alertflow.correlation.ServiceCatalog;
import io.alertflow.dlq.DeadLetters;
import io.alertflow.streams.clock.Timers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stateful incident stage: feeds each {@link CorrelationEvent} of its correlation key to the
 * {@link IncidentEngine} and runs the engine's timers (escalation, auto-resolve, forgetting) with the
 * configured clock. Outputs are {@link Incident}, {@link Page}, {@link IncidentMetrics}, {@link Tally},
 * {@link IndexEntry}, {@link Decision} and dead letters, split by type downstream.
 */
public final class IncidentProcessor implements Processor<String, CorrelationEvent, String, Object> {
    /** Incidents by id. */
    public static final String INCIDENT_STORE = "incident-store";
    /** Ids of the open and recently resolved incidents of each correlation key. */
    public static final String KEY_STORE = "incident-keys-store";
    /** Recent change events by service and time, for suspect changes. */
    public static final String CHANGE_STORE = "recent-changes-store";
    /** The incidents' next escalation, automatic resolution or expiry, by deadline. */
    public static final String TIMER_STORE = "incident-timers";
    /** Stage name in dead letters. */
    public static final String STAGE = "incident";

    private static final Logger LOG = LoggerFactory.getLogger(IncidentProcessor.class);

    private final IncidentSettings settings;
    private final ServiceCatalog catalog;
    private final Timers timers;
    private final Serializer<IncidentAction> actionSerializer;
    private final String actionsTopic;
    private ProcessorContext<String, Object> context;
    private IncidentEngine engine;
    private long timestamp;
    /** The headers of the record being processed (its origin before the repartition); null in a punctuation. */
    private Headers headers;

    /** One entry of the incident index ({@code value} null deletes). */
    public record IndexEntry(String key, String value) {
    }

    public IncidentProcessor(IncidentSettings settings, ServiceCatalog catalog, Timers timers,
                             Serializer<IncidentAction> actionSerializer, String actionsTopic) {
        this.settings = settings;
        this.catalog = catalog;
        this.timers = timers;
        this.actionSerializer = actionSerializer;
        this.actionsTopic = actionsTopic;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        KafkaIncidentStore store = new KafkaIncidentStore(context.getStateStore(INCIDENT_STORE),
                context.getStateStore(KEY_STORE), context.getStateStore(CHANGE_STORE), context.getStateStore(TIMER_STORE));
        var services = ServiceCatalog.store(context);
        engine = new IncidentEngine(settings, () -> catalog.graph(services), store, store, new Output());
        timers.schedule(context, now -> {
            timestamp = now.toEpochMilli();
            headers = null;
            engine.onTimer(now);
        });
    }

    @Override
    public void process(Record<String, CorrelationEvent> record) {
        timestamp = record.timestamp();
        headers = record.headers();
        Object event = record.value().getEvent();
        String key = record.key();
        if (event instanceof AlertChange change) {
            engine.onAlertChange(key, change);
        } else if (event instanceof IncidentAction action) {
            engine.onAction(key, action);
        } else if (event instanceof ChangeEvent change) {
            engine.onChange(key, change);
        }
    }

    /** Forwards what the engine emits, keyed for its topic and stamped with the current event time. */
    private final class Output implements IncidentOutput {
        @Override
        public void clock(Instant eventTime) {
            // Output timestamps follow the engine's event times, not the moment a timer happened to run.
            timestamp = eventTime.toEpochMilli();
        }

        private void forward(String key, Object value) {
            context.forward(new Record<>(key, value, timestamp));
        }

        @Override
        public void incident(Incident incident) {
            if (incident.getVersion() == 1) {
                LOG.info("incident {} opened: {} ({}, key {})", incident.getId(), incident.getTitle(),
                        incident.getPriority(), incident.getCorrelationKey());
            }
            forward(incident.getId(), incident);
        }

        @Override
        public void page(Page page) {
            LOG.info("page {} for incident {} to level {} ({})", page.getKind(), page.getIncidentId(), page.getLevel(),
                    page.getTarget());
            forward(page.getIncidentId(), page);
        }

        @Override
        public void metrics(IncidentMetrics metrics) {
            forward(metrics.getIncidentId(), metrics);
        }

        @Override
        public void tally(Tally tally) {
            forward(tally.getService() == null ? "" : tally.getService(), tally);
        }

        @Override
        public void index(String key, String value) {
            forward(key, new IndexEntry(key, value));
        }

        @Override
        public void decision(Decision decision) {
            forward(decision.getFingerprint(), decision);
        }

        @Override
        public void rejected(Object input, String reason) {
            LOG.info("rejected input to incident stage: {}", reason);
            byte[] value = input instanceof IncidentAction a ? actionSerializer.serialize(actionsTopic, a) : null;
            String original = input instanceof IncidentAction a ? a.getIncidentId() : null;
            byte[] key = original == null ? null : original.getBytes(StandardCharsets.UTF_8);
            forward(original, DeadLetters.of(DeadLetters.origin(headers, context.recordMetadata()), key, value, STAGE, reason,
                    Instant.ofEpochMilli(timestamp)));
        }
    }
}
