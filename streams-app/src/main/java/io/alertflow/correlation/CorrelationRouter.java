package io.alertflow.correlation;

import io.alertflow.avro.AlertChange;
import io.alertflow.avro.ChangeEvent;
import io.alertflow.avro.CorrelationEvent;
import io.alertflow.avro.DeadLetter;
import io.alertflow.avro.IncidentAction;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Service;
import io.alertflow.dlq.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keys everything the incident stage consumes by correlation key (SPEC §3.5): alert changes by their
 * service's dependency component, service changes likewise, and responder actions by the key that
 * owns their incident (looked up in the {@link IncidentIndex}); an action for an unknown incident
 * becomes a dead letter.
 */
public final class CorrelationRouter {
    /** The stage name written into dead letters. */
    public static final String STAGE = "correlation-router";

    private CorrelationRouter() {
    }

    /** Keys an alert change by the correlation key of its service, else its alertname. */
    public static Processor<String, AlertChange, String, CorrelationEvent> alerts(ServiceCatalog catalog) {
        return new ByService<>(catalog, change -> {
            RawAlert alert = change.getAlert();
            return new String[] {alert.getLabels().get("service"), alert.getLabels().get("alertname")};
        });
    }

    /**
     * Keys a change event by the correlation key of its service; a change without a service cannot be a
     * suspect of anything (the gateway rejects these) and is dropped.
     */
    public static Processor<String, ChangeEvent, String, CorrelationEvent> changes(ServiceCatalog catalog) {
        return new ByService<>(catalog, change -> change.getService() == null || change.getService().isEmpty()
                ? null : new String[] {change.getService(), null});
    }

    /** Wraps a record into a {@link CorrelationEvent} keyed by the correlation key of its (service, alertname). */
    private static final class ByService<V> implements Processor<String, V, String, CorrelationEvent> {
        private final ServiceCatalog catalog;
        private final Function<V, String[]> serviceAndAlertname;
        private ProcessorContext<String, CorrelationEvent> context;
        private KeyValueStore<String, Service> services;

        ByService(ServiceCatalog catalog, Function<V, String[]> serviceAndAlertname) {
            this.catalog = catalog;
            this.serviceAndAlertname = serviceAndAlertname;
        }

        @Override
        public void init(ProcessorContext<String, CorrelationEvent> context) {
            this.context = context;
            this.services = ServiceCatalog.store(context);
        }

        @Override
        public void process(Record<String, V> record) {
            String[] names = record.value() == null ? null : serviceAndAlertname.apply(record.value());
            if (names == null) {
                return;
            }
            String key = catalog.graph(services).correlationKey(names[0], names[1]);
            context.forward(record.withKey(key).withValue(new CorrelationEvent(key, record.value())));
        }
    }

    /**
     * Routes an action to the key that owns its incident; an action naming only a fingerprint (a
     * PagerDuty acknowledge by dedup_key) is addressed to the incident holding that alert.
     * Output values are {@link CorrelationEvent}s, or {@link DeadLetter}s for unknown incidents.
     */
    public static final class Actions implements Processor<String, IncidentAction, String, Object> {
        private final Serializer<IncidentAction> serializer;
        private final String topic;
        private ProcessorContext<String, Object> context;
        private KeyValueStore<String, String> index;

        public Actions(Serializer<IncidentAction> serializer, String topic) {
            this.serializer = serializer;
            this.topic = topic;
        }

        @Override
        public void init(ProcessorContext<String, Object> context) {
            this.context = context;
            this.index = context.getStateStore(IncidentIndex.STORE);
        }

        @Override
        public void process(Record<String, IncidentAction> record) {
            IncidentAction action = record.value();
            String incidentId = action.getIncidentId();
            if (incidentId == null) {
                incidentId = IncidentIndex.incidentOf(index, action.getFingerprint());
            }
            String key = IncidentIndex.keyOf(index, incidentId);
            if (key == null) {
                context.forward(record.withValue(deadLetter(record, unknown(action))));
                return;
            }
            IncidentAction routed = IncidentAction.newBuilder(action).setIncidentId(incidentId).build();
            // The incident stage reads this from the repartition topic; its dead letters must name the action's input.
            context.forward(record.withKey(key).withValue(new CorrelationEvent(key, routed))
                    .withHeaders(DeadLetters.withOrigin(record.headers(), context.recordMetadata())));
        }

        private static String unknown(IncidentAction action) {
            if (action.getIncidentId() != null) {
                return "action " + action.getAction() + " names incident " + action.getIncidentId()
                        + ", which is unknown (never opened, or forgotten after incident.retention); check the id";
            }
            if (action.getFingerprint() != null) {
                return "action " + action.getAction() + " names alert " + action.getFingerprint()
                        + ", which belongs to no known incident; check the dedup_key/fingerprint";
            }
            return "action " + action.getAction() + " names neither an incidentId nor a fingerprint; set one of them";
        }

        private DeadLetter deadLetter(Record<String, IncidentAction> record, String error) {
            byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
            byte[] value = serializer.serialize(topic, record.value());
            return DeadLetters.of(context.recordMetadata(), key, value, STAGE, error, Instant.ofEpochMilli(record.timestamp()));
        }
    }
}
