package io.alertflow.bench.registry;

import io.alertflow.serde.MockSchemaRegistry;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Makes the in-process {@code mock://} registries of several benchmark JVMs agree: the mock registry numbers
 * schemas in registration order, so registering every record schema in one fixed order first gives each JVM
 * the same ids, and a streams app in one JVM can read what a generator or the gateway in another wrote.
 */
public final class RegistryPrimer {
    private static final List<Class<? extends SpecificRecordBase>> RECORDS = List.of(
            io.alertflow.avro.RawAlert.class, io.alertflow.avro.MaintenanceWindow.class, io.alertflow.avro.Service.class,
            io.alertflow.avro.ChangeEvent.class, io.alertflow.avro.IncidentAction.class, io.alertflow.avro.MetricSample.class,
            io.alertflow.avro.DeadLetter.class, io.alertflow.avro.SuppressedAlert.class, io.alertflow.avro.Anomaly.class,
            io.alertflow.avro.Incident.class, io.alertflow.avro.IncidentMetrics.class, io.alertflow.avro.Page.class,
            io.alertflow.avro.ServiceMetrics.class, io.alertflow.avro.NoiseReport.class, io.alertflow.avro.AlertChange.class,
            io.alertflow.avro.CorrelationEvent.class, io.alertflow.avro.IncidentRecord.class,
            io.alertflow.avro.ServiceMetricsState.class, io.alertflow.avro.Tally.class, io.alertflow.avro.DecisionLog.class,
            io.alertflow.avro.Decision.class);

    private RegistryPrimer() {
    }

    /** Registers every record schema in {@code scope} (the part after {@code mock://}) in a fixed order. */
    public static void prime(String scope) {
        MockSchemaRegistry registry = MockSchemaRegistry.forScope(scope);
        for (Class<? extends SpecificRecordBase> type : RECORDS) {
            try {
                Schema schema = (Schema) type.getMethod("getClassSchema").invoke(null);
                registry.register("bench-prime-" + type.getSimpleName(), schema);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read the schema of " + type, e);
            }
        }
    }
}
