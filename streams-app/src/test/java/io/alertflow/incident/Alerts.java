package io.alertflow.incident;

import io.alertflow.avro.ActionKind;
import io.alertflow.avro.AlertChange;
import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.ChangeEvent;
import io.alertflow.avro.ChangeKind;
import io.alertflow.avro.ChangeType;
import io.alertflow.avro.EscalationPolicy;
import io.alertflow.avro.IncidentAction;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Service;
import io.alertflow.avro.Severity;
import io.alertflow.alert.Fingerprint;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builders for the records the incident tests feed. */
final class Alerts {
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    private Alerts() {
    }

    static Instant t(String offset) {
        return T0.plus(Duration.parse("PT" + offset.toUpperCase()));
    }

    static RawAlert alert(String alertname, String service, Severity severity, AlertStatus status, Instant startsAt, Instant receivedAt) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", alertname);
        if (service != null) {
            labels.put("service", service);
        }
        return RawAlert.newBuilder().setFingerprint(Fingerprint.of(labels)).setSource("prometheus").setStatus(status)
                .setSeverity(severity).setLabels(labels).setAnnotations(new LinkedHashMap<>())
                .setStartsAt(startsAt).setReceivedAt(receivedAt).build();
    }

    static AlertChange fired(String alertname, String service, Severity severity, Instant startsAt, Instant at) {
        return fired(alertname, service, severity, startsAt, at, 1);
    }

    static AlertChange fired(String alertname, String service, Severity severity, Instant startsAt, Instant at, int occurrence) {
        RawAlert a = alert(alertname, service, severity, AlertStatus.FIRING, startsAt, at);
        return AlertChange.newBuilder().setFingerprint(a.getFingerprint()).setChange(ChangeType.FIRED).setAlert(a)
                .setOccurrence(occurrence).setFlap(occurrence > 1).setDuplicates(0)
                .setEffectiveStartsAt(startsAt).setDetectedAt(at).setAt(at).build();
    }

    static AlertChange resolved(AlertChange firing, Instant at, long duplicates) {
        RawAlert a = RawAlert.newBuilder(firing.getAlert()).setStatus(AlertStatus.RESOLVED).setEndsAt(at).setReceivedAt(at).build();
        return AlertChange.newBuilder(firing).setChange(ChangeType.RESOLVED).setAlert(a).setDuplicates(duplicates).setAt(at).build();
    }

    static Service service(String name, int tier, List<String> dependsOn, EscalationPolicy policy) {
        return Service.newBuilder().setName(name).setTier(tier).setDependsOn(dependsOn).setEscalation(policy).build();
    }

    static EscalationPolicy policy(Duration ackTimeout, String... levels) {
        return EscalationPolicy.newBuilder().setAckTimeoutMs(ackTimeout.toMillis()).setLevels(List.of(levels)).build();
    }

    static ChangeEvent deploy(String id, String service, String version, Instant at) {
        return ChangeEvent.newBuilder().setId(id).setService(service).setKind(ChangeKind.DEPLOY).setVersion(version)
                .setAuthor("ci").setAt(at).setDescription("deploy " + version).build();
    }

    static IncidentAction action(String incidentId, ActionKind kind, String actor, Instant at) {
        return IncidentAction.newBuilder().setIncidentId(incidentId).setAction(kind).setActor(actor).setAt(at).build();
    }

    /** The payment-outage catalog: api-gateway and checkout call payments-api, which calls payments-db. */
    static List<Service> paymentCatalog() {
        Duration five = Duration.ofMinutes(5);
        return List.of(
                service("api-gateway", 1, List.of("payments-api"), policy(five, "edge-primary", "edge-secondary")),
                service("checkout", 1, List.of("payments-api"), policy(five, "checkout-primary", "checkout-secondary")),
                service("payments-api", 1, List.of("payments-db"), policy(five, "payments-primary", "payments-secondary", "payments-manager")),
                service("payments-db", 1, List.of(), policy(five, "dba-primary", "dba-secondary", "dba-manager")));
    }
}
