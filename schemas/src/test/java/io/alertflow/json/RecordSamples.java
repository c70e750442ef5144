package io.alertflow.json;

import io.alertflow.avro.ActionKind;
import io.alertflow.avro.AlertChange;
import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.Anomaly;
import io.alertflow.avro.AnomalyKind;
import io.alertflow.avro.ChangeEvent;
import io.alertflow.avro.ChangeKind;
import io.alertflow.avro.ChangeType;
import io.alertflow.avro.DeadLetter;
import io.alertflow.avro.EscalationPolicy;
import io.alertflow.avro.Incident;
import io.alertflow.avro.IncidentAction;
import io.alertflow.avro.IncidentMetrics;
import io.alertflow.avro.IncidentState;
import io.alertflow.avro.MaintenanceWindow;
import io.alertflow.avro.Matcher;
import io.alertflow.avro.MetricSample;
import io.alertflow.avro.NoiseReport;
import io.alertflow.avro.Page;
import io.alertflow.avro.PageKind;
import io.alertflow.avro.Priority;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Recurrence;
import io.alertflow.avro.Service;
import io.alertflow.avro.ServiceMetrics;
import io.alertflow.avro.Severity;
import io.alertflow.avro.SuppressedAlert;
import io.alertflow.avro.SuspectChange;
import io.alertflow.avro.TimelineEntry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** One fully populated instance of every generated record, for round-trip tests. */
final class RecordSamples {
    static final Instant T0 = Instant.parse("2024-05-01T12:00:00.123Z");
    static final Instant T1 = Instant.parse("2024-05-01T12:05:00Z");

    private RecordSamples() {
    }

    static RawAlert rawAlert() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", "HighErrorRate");
        labels.put("service", "payments-api");
        labels.put("note", "ünïcödé ✓ \"quoted\"");
        return new RawAlert("0123456789abcdef", "prometheus", AlertStatus.FIRING, Severity.CRITICAL, labels,
                Map.of("summary", "errors > 5%", "runbook_url", "https://runbooks/x"), T0, T1, T0,
                "http://prom/graph?g0.expr=up", 0.42);
    }

    static Map<String, SpecificRecord> all() {
        Map<String, SpecificRecord> all = new LinkedHashMap<>();
        all.put("RawAlert", rawAlert());
        all.put("RawAlert with nulls", new RawAlert(null, "pagerduty", AlertStatus.RESOLVED, Severity.INFO, Map.of("alertname", "x"),
                Map.of(), T0, null, T1, null, null));
        all.put("MaintenanceWindow", new MaintenanceWindow("w1", "nightly batch",
                List.of(new Matcher("service", "=~", "batch-.*"), new Matcher("env", "!=", "dev")), T0, T1,
                new Recurrence("FREQ=DAILY;BYHOUR=1;BYMINUTE=0", 3_600_000L, "Europe/Berlin"), "ops", "batch"));
        all.put("MaintenanceWindow one-off", new MaintenanceWindow("w2", "db upgrade", List.of(), T0, T1, null, null, null));
        all.put("Service", new Service("payments-api", 1, "payments", List.of("payments-db", "sms"), "https://rb",
                new EscalationPolicy(300_000L, List.of("oncall-a", "oncall-b")), "checkout"));
        all.put("ChangeEvent", new ChangeEvent("c1", "payments-api", ChangeKind.DEPLOY, "v1.2.3", "alice", T0, "deploy"));
        all.put("IncidentAction", new IncidentAction(null, "dedup-1", ActionKind.ACKNOWLEDGE, "bob", T1, null));
        all.put("MetricSample", new MetricSample("s1", "p99_ms", "checkout", Map.of("route", "/pay"), T0, 123.5));
        all.put("DeadLetter", new DeadLetter("alerts.raw", 2, 17L, ByteBuffer.wrap("k".getBytes(StandardCharsets.UTF_8)),
                ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 0xFF}), "bad", "validate", T0));
        all.put("SuppressedAlert", new SuppressedAlert(rawAlert(), "w1", "nightly", T0, T1));
        all.put("Anomaly", new Anomaly(AnomalyKind.METRIC_RATE_OF_CHANGE, "checkout", "s1", 100.0, 160.5, T0, T1, "rising", true));
        all.put("Incident", new Incident("inc-1", 3L, IncidentState.ACKNOWLEDGED, Priority.P1, Severity.CRITICAL, "payments down",
                "component-1", List.of("payments-api", "payments-db"), "payments-db", List.of("fp1", "fp2"), 2, 5L, T0, T0, T1, null,
                null, 0, 1, List.of(new SuspectChange("c1", "payments-api", "DEPLOY", "v1.2.3", T0)), "https://rb",
                List.of(new TimelineEntry(T0, "TRIGGERED", "opened"), new TimelineEntry(T1, "ACKNOWLEDGED", "bob"))));
        all.put("IncidentMetrics", new IncidentMetrics("inc-1", Priority.P2, List.of("a"), T0, T0, null, T1, 0L, null, 300_000L, 1, 0L, 0));
        all.put("Page", new Page("inc-1", PageKind.TRIGGER, 1, "oncall-a", Priority.P1, "payments down", T0, 1L));
        all.put("ServiceMetrics", new ServiceMetrics("checkout", T0, T1, 1L, 10L, 5L, 0L, 1000.0, null, 2000.0));
        all.put("NoiseReport", new NoiseReport("HighErrorRate", null, 3L, 10L, 1L, 0L, 1L, 1L, T1));
        all.put("AlertChange", new AlertChange("fp", ChangeType.RELEASED, rawAlert(), 2, true, 4L, T0, T1, T1, "w1"));
        return all;
    }
}
