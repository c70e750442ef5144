package io.alertflow.correlation;

import io.alertflow.avro.AlertChange;
import io.alertflow.avro.ChangeEvent;
import io.alertflow.avro.CorrelationEvent;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Service;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keys everything the incident stage consumes by correlation key (SPEC §3.5): alert changes by their
 * service's dependency component, service changes likewise; responder actions are routed by
 * {@link ActionRouter}.
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
}
