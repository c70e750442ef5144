package io.alertflow.streams.topics;

import io.alertflow.avro.AlertChange;
import io.alertflow.avro.Anomaly;
import io.alertflow.avro.ChangeEvent;
import io.alertflow.avro.DeadLetter;
import io.alertflow.avro.Incident;
import io.alertflow.avro.IncidentAction;
import io.alertflow.avro.IncidentMetrics;
import io.alertflow.avro.MaintenanceWindow;
import io.alertflow.avro.MetricSample;
import io.alertflow.avro.NoiseReport;
import io.alertflow.avro.Page;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Service;
import io.alertflow.avro.ServiceMetrics;
import io.alertflow.avro.SuppressedAlert;
import io.alertflow.serde.ConfluentAvroSerde;
import io.alertflow.streams.config.AlertflowConfig;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic of SPEC §2, declared once with its serdes; names come from the {@code topic.*} keys.
 * Values are Confluent-wire-format Avro; keys are UTF-8 strings, except the DLQ whose key is the
 * original key's bytes.
 */
public final class Topics {
    private final Map<String, Object> serdeConfig;
    /** What-if only: values handed over as objects on the hot topics (see {@link Handoff}); null live. */
    private final Handoff handoff;

    private final Topic<String, RawAlert> alertsRaw;
    private final Topic<String, MaintenanceWindow> maintenanceWindows;
    private final Topic<String, MaintenanceWindow> maintenanceWindowsValid;
    private final Topic<String, Service> services;
    private final Topic<String, ChangeEvent> changes;
    private final Topic<String, IncidentAction> incidentActions;
    private final Topic<String, MetricSample> metricsSamples;
    private final Topic<byte[], DeadLetter> alertsDlq;
    private final Topic<String, SuppressedAlert> alertsSuppressed;
    private final Topic<String, Anomaly> anomalies;
    private final Topic<String, Incident> incidents;
    private final Topic<String, IncidentMetrics> incidentMetrics;
    private final Topic<String, Page> pages;
    private final Topic<String, ServiceMetrics> serviceMetrics;
    private final Topic<String, NoiseReport> alertsNoise;
    private final Topic<String, RawAlert> alertsSynthetic;
    private final Topic<String, String> incidentIndex;

    private Topics(AlertflowConfig cfg, Handoff handoff) {
        this.serdeConfig = cfg.serdeConfig();
        this.handoff = handoff;
        alertsRaw = handedOver(topic(cfg, "alerts.raw", RawAlert.class, false), Handoff.Lifetime.INPUT);
        maintenanceWindows = topic(cfg, "maintenance.windows", MaintenanceWindow.class, true);
        maintenanceWindowsValid = topic(cfg, "maintenance.windows.valid", MaintenanceWindow.class, true);
        services = topic(cfg, "services", Service.class, true);
        changes = topic(cfg, "changes", ChangeEvent.class, false);
        incidentActions = topic(cfg, "incident.actions", IncidentAction.class, false);
        metricsSamples = topic(cfg, "metrics.samples", MetricSample.class, false);
        alertsDlq = new Topic<>(cfg.topicName("alerts.dlq"), Serdes.ByteArray(), valueSerde(DeadLetter.class), false);
        alertsSuppressed = topic(cfg, "alerts.suppressed", SuppressedAlert.class, false);
        anomalies = topic(cfg, "anomalies", Anomaly.class, false);
        incidents = handedOver(topic(cfg, "incidents", Incident.class, true), Handoff.Lifetime.READER);
        incidentMetrics = topic(cfg, "incident.metrics", IncidentMetrics.class, false);
        pages = topic(cfg, "pages", Page.class, false);
        serviceMetrics = topic(cfg, "service.metrics", ServiceMetrics.class, false);
        alertsNoise = topic(cfg, "alerts.noise", NoiseReport.class, true);
        alertsSynthetic = topic(cfg, "alerts.synthetic", RawAlert.class, false);
        incidentIndex = new Topic<>(cfg.topicName("incident.index"), Serdes.String(), Serdes.String(), true);
    }

    /** The topics named by the configuration, with serdes talking to its schema registry. */
    public static Topics from(AlertflowConfig cfg) {
        return new Topics(cfg, null);
    }

    /**
     * The topics of an offline (what-if) run: as {@link #from}, except that the recorded alerts (alerts.raw, and its
     * repartition by fingerprint), the incident stage's repartition ({@link #repartitionSerde}) and the incidents the
     * report reads are handed over as objects through {@code handoff}, and every deserializer resolves handed-over
     * values.
     */
    public static Topics offline(AlertflowConfig cfg, Handoff handoff) {
        return new Topics(cfg, handoff);
    }

    /** A configured value serde for a record class, e.g. for a state store (subject {@code <changelog>-value}). */
    public <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type) {
        Serde<T> avro = new ConfluentAvroSerde<>(type, serdeConfig, false);
        return handoff == null ? avro : handoff.resolving(avro);
    }

    /**
     * The value serde of a repartition topic whose records are read back while the input that caused them is processed:
     * Avro live; handed over as objects for that input in what-if, like the recorded alerts (every alert change passes
     * the incident stage's, an encoding and a decoding each).
     */
    public <T extends SpecificRecord> Serde<T> repartitionSerde(Class<T> type) {
        Serde<T> avro = new ConfluentAvroSerde<>(type, serdeConfig, false);
        return handoff == null ? avro : handoff.handingOver(avro, Handoff.Lifetime.INPUT);
    }

    private <V> Topic<String, V> handedOver(Topic<String, V> topic, Handoff.Lifetime lifetime) {
        return handoff == null ? topic : new Topic<>(topic.name(), topic.keySerde(),
                handoff.handingOver(topic.valueSerde(), lifetime), topic.compacted());
    }

    private <V extends SpecificRecord> Topic<String, V> topic(AlertflowConfig cfg, String key, Class<V> type, boolean compacted) {
        return new Topic<>(cfg.topicName(key), Serdes.String(), valueSerde(type), compacted);
    }

    /** Every topic, for provisioning. */
    public List<Topic<?, ?>> all() {
        return List.of(alertsRaw, maintenanceWindows, maintenanceWindowsValid, services, changes, incidentActions,
                metricsSamples, alertsDlq, alertsSuppressed, anomalies, incidents, incidentMetrics, pages, serviceMetrics,
                alertsNoise, alertsSynthetic, incidentIndex);
    }

    /** Synthetic alerts of the anomaly detectors; validation reads them like alerts.raw. */
    public Topic<String, RawAlert> alertsSynthetic() {
        return alertsSynthetic;
    }

    /** The incident index (incident id -> correlation key, fingerprint -> incident id), compacted. */
    public Topic<String, String> incidentIndex() {
        return incidentIndex;
    }

    public Topic<String, RawAlert> alertsRaw() {
        return alertsRaw;
    }

    public Topic<String, MaintenanceWindow> maintenanceWindows() {
        return maintenanceWindows;
    }

    /** Windows that passed validation (invalid ones arrive as tombstones): what every instance loads globally. */
    public Topic<String, MaintenanceWindow> maintenanceWindowsValid() {
        return maintenanceWindowsValid;
    }

    public Topic<String, Service> services() {
        return services;
    }

    public Topic<String, ChangeEvent> changes() {
        return changes;
    }

    public Topic<String, IncidentAction> incidentActions() {
        return incidentActions;
    }

    public Topic<String, MetricSample> metricsSamples() {
        return metricsSamples;
    }

    public Topic<byte[], DeadLetter> alertsDlq() {
        return alertsDlq;
    }

    public Topic<String, SuppressedAlert> alertsSuppressed() {
        return alertsSuppressed;
    }

    public Topic<String, Anomaly> anomalies() {
        return anomalies;
    }

    public Topic<String, Incident> incidents() {
        return incidents;
    }

    public Topic<String, IncidentMetrics> incidentMetrics() {
        return incidentMetrics;
    }

    public Topic<String, Page> pages() {
        return pages;
    }

    public Topic<String, ServiceMetrics> serviceMetrics() {
        return serviceMetrics;
    }

    public Topic<String, NoiseReport> alertsNoise() {
        return alertsNoise;
    }

    /** The serde of the internal AlertChange records (dedup and maintenance stores). */
    public Serde<AlertChange> alertChangeSerde() {
        return valueSerde(AlertChange.class);
    }
}
