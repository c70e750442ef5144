package io.alertflow.whatif;

import io.alertflow.alert.Fingerprint;
import io.alertflow.avro.ActionKind;
import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.ChangeEvent;
import io.alertflow.avro.ChangeKind;
import io.alertflow.avro.IncidentAction;
import io.alertflow.avro.MaintenanceWindow;
import io.alertflow.avro.Matcher;
import io.alertflow.avro.MetricSample;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Service;
import io.alertflow.avro.Severity;
import io.alertflow.json.RecordingLine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds recordings the way the sources produce them: Prometheus re-sends every 30 s, PagerDuty acks by fingerprint. */
final class RecordingBuilder {
    private final List<RecordingLine> lines = new ArrayList<>();

    RecordingBuilder service(Service s, Instant at) {
        lines.add(new RecordingLine("services", at.toEpochMilli(), s.getName(), s));
        return this;
    }

    RecordingBuilder change(String id, String service, String version, Instant at) {
        lines.add(new RecordingLine("changes", at.toEpochMilli(), service, ChangeEvent.newBuilder().setId(id).setService(service)
                .setKind(ChangeKind.DEPLOY).setVersion(version).setAuthor("ci").setAt(at).build()));
        return this;
    }

    RecordingBuilder window(String id, String name, String label, String value, Instant from, Instant to, Instant at) {
        MaintenanceWindow w = MaintenanceWindow.newBuilder().setId(id).setName(name)
                .setMatchers(List.of(Matcher.newBuilder().setLabel(label).setOp("=").setValue(value).build()))
                .setStartsAt(from).setEndsAt(to).setRecurrence(null).setCreatedBy("ops").setComment("planned").build();
        lines.add(new RecordingLine("maintenance.windows", at.toEpochMilli(), id, w));
        return this;
    }

    RecordingBuilder alert(String alertname, String service, Severity severity, Instant startsAt, AlertStatus status, Instant at) {
        return alert(labels(alertname, service), severity, startsAt, status, at);
    }

    RecordingBuilder alert(Map<String, String> labels, Severity severity, Instant startsAt, AlertStatus status, Instant at) {
        RawAlert a = RawAlert.newBuilder().setFingerprint(null).setSource("prometheus").setStatus(status).setSeverity(severity)
                .setLabels(labels).setAnnotations(Map.of("summary", labels.get("alertname") + " on " + labels.get("service")))
                .setStartsAt(startsAt).setEndsAt(status == AlertStatus.RESOLVED ? at : null).setReceivedAt(at)
                .setGeneratorUrl(null).setValue(null).build();
        lines.add(new RecordingLine("alerts.raw", at.toEpochMilli(), null, a));
        return this;
    }

    /** Fires at {@code from}, re-sends every 30 s until {@code until} (exclusive), resolves at {@code until}. */
    RecordingBuilder fireAndResend(String alertname, String service, Severity severity, Instant startsAt, Instant from, Instant until) {
        for (Instant at = from; at.isBefore(until); at = at.plusSeconds(30)) {
            alert(alertname, service, severity, startsAt, AlertStatus.FIRING, at);
        }
        return alert(alertname, service, severity, startsAt, AlertStatus.RESOLVED, until);
    }

    /** A responder action addressed by alert fingerprint, as a PagerDuty acknowledge by dedup_key arrives. */
    RecordingBuilder action(ActionKind kind, String alertname, String service, Instant at) {
        lines.add(new RecordingLine("incident.actions", at.toEpochMilli(), null, IncidentAction.newBuilder()
                .setIncidentId(null).setFingerprint(fingerprint(alertname, service)).setAction(kind).setActor("alice")
                .setAt(at).setNote(null).build()));
        return this;
    }

    RecordingBuilder sample(String series, String service, double value, Instant at) {
        lines.add(new RecordingLine("metrics.samples", at.toEpochMilli(), series, MetricSample.newBuilder().setSeries(series)
                .setName("http_request_duration_p99_ms").setService(service).setLabels(Map.of()).setAt(at).setValue(value).build()));
        return this;
    }

    List<RecordingLine> lines() {
        return List.copyOf(lines);
    }

    Recording build() {
        return Recording.of(lines);
    }

    static Map<String, String> labels(String alertname, String service) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", alertname);
        labels.put("service", service);
        return labels;
    }

    static String fingerprint(String alertname, String service) {
        return Fingerprint.of(labels(alertname, service));
    }

    static Instant t(Instant t0, String offset) {
        return t0.plus(Duration.parse("PT" + offset.toUpperCase()));
    }
}
