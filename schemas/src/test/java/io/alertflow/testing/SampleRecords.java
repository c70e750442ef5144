package io.alertflow.testing;

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
import java.util.List;
import java.util.Map;

/** Realistic instances of every SPEC record, for serde round trips and tests in other modules. */
public final class SampleRecords {

    /** A fixed instant so samples are deterministic: 2025-03-14 09:26:53 UTC. */
    public static final Instant T0 = Instant.parse("2025-03-14T09:26:53Z");

    private SampleRecords() {
    }

    /** A firing Prometheus alert for the checkout service's database. */
    public static RawAlert rawAlert() {
        return RawAlert.newBuilder()
                .setFingerprint("5f1b8c3e2a9d0471")
                .setSource("prometheus")
                .setStatus(AlertStatus.FIRING)
                .setSeverity(Severity.CRITICAL)
                .setLabels(Map.of("alertname", "PostgresDown", "service", "orders-db", "instance", "db-1:5432"))
                .setAnnotations(Map.of("summary", "orders-db is down",
                        "runbook_url", "https://runbooks.example.com/postgres-down"))
                .setStartsAt(T0)
                .setEndsAt(null)
                .setReceivedAt(T0.plusMillis(850))
                .setGeneratorUrl("http://prometheus:9090/graph?g0.expr=pg_up%3D%3D0")
                .setValue(0.0)
                .build();
    }

    /** A nightly recurring maintenance window for the orders database. */
    public static MaintenanceWindow maintenanceWindow() {
        return MaintenanceWindow.newBuilder()
                .setId("mw-orders-db-nightly")
                .setName("orders-db nightly vacuum")
                .setMatchers(List.of(
                        Matcher.newBuilder().setLabel("service").setOp("=").setValue("orders-db").build(),
                        Matcher.newBuilder().setLabel("alertname").setOp("=~").setValue("Postgres.*").build()))
                .setStartsAt(T0)
                .setEndsAt(T0.plusSeconds(30L * 24 * 3600))
                .setRecurrence(Recurrence.newBuilder().setRrule("FREQ=DAILY;BYHOUR=1;BYMINUTE=0")
                        .setDurationMs(3_600_000L).setTimezone("Europe/Berlin").build())
                .setCreatedBy("dba-oncall")
                .setComment("autovacuum full, expect restarts")
                .build();
    }

    /** The checkout API with its dependencies and a two-level escalation policy. */
    public static Service service() {
        return Service.newBuilder()
                .setName("checkout-api")
                .setTier(1)
                .setTeam("payments")
                .setDependsOn(List.of("orders-db", "payments-gateway"))
                .setRunbookUrl("https://runbooks.example.com/checkout-api")
                .setEscalation(EscalationPolicy.newBuilder().setAckTimeoutMs(300_000L)
                        .setLevels(List.of("payments-primary", "payments-secondary")).build())
                .setCorrelationGroup("checkout")
                .build();
    }

    /** A deploy of the checkout API shortly before the outage. */
    public static ChangeEvent changeEvent() {
        return ChangeEvent.newBuilder()
                .setId("chg-2025-0314-001")
                .setService("checkout-api")
                .setKind(ChangeKind.DEPLOY)
                .setVersion("v2.41.0")
                .setAuthor("ci-bot")
                .setAt(T0.minusSeconds(600))
                .setDescription("Bump connection pool to 50")
                .build();
    }

    /** A PagerDuty-style acknowledgement addressed by alert fingerprint. */
    public static IncidentAction incidentAction() {
        return IncidentAction.newBuilder()
                .setIncidentId(null)
                .setFingerprint("5f1b8c3e2a9d0471")
                .setAction(ActionKind.ACKNOWLEDGE)
                .setActor("alice")
                .setAt(T0.plusSeconds(240))
                .setNote("looking into it")
                .build();
    }

    /** A p99 latency sample of the checkout API. */
    public static MetricSample metricSample() {
        return MetricSample.newBuilder()
                .setSeries("checkout-api/http_request_duration_p99_ms")
                .setName("http_request_duration_p99_ms")
                .setService("checkout-api")
                .setLabels(Map.of("route", "/checkout", "method", "POST"))
                .setAt(T0)
                .setValue(412.5)
                .build();
    }

    /** An acknowledged P1 incident rooted at the orders database, with a suspect change and a timeline. */
    public static Incident incident() {
        return Incident.newBuilder()
                .setId("inc-checkout-20250314-0926")
                .setVersion(4L)
                .setState(IncidentState.ACKNOWLEDGED)
                .setPriority(Priority.P1)
                .setSeverity(Severity.CRITICAL)
                .setTitle("orders-db down; checkout-api errors")
                .setCorrelationKey("checkout")
                .setServices(List.of("orders-db", "checkout-api"))
                .setRootCauseService("orders-db")
                .setAlerts(List.of("5f1b8c3e2a9d0471", "a0c4e1f9b7d23358"))
                .setAlertCount(2)
                .setDuplicateCount(7L)
                .setStartedAt(T0)
                .setDetectedAt(T0.plusMillis(850))
                .setAcknowledgedAt(T0.plusSeconds(240))
                .setMitigatedAt(null)
                .setResolvedAt(null)
                .setReopenCount(0)
                .setEscalationLevel(1)
                .setSuspectChanges(List.of(SuspectChange.newBuilder().setId("chg-2025-0314-001")
                        .setService("checkout-api").setKind("DEPLOY").setVersion("v2.41.0")
                        .setAt(T0.minusSeconds(600)).build()))
                .setRunbookUrl("https://runbooks.example.com/postgres-down")
                .setTimeline(List.of(
                        TimelineEntry.newBuilder().setAt(T0.plusMillis(850)).setKind("TRIGGERED")
                                .setDetail("PostgresDown on orders-db").build(),
                        TimelineEntry.newBuilder().setAt(T0.plusSeconds(240)).setKind("ACKNOWLEDGED")
                                .setDetail("by alice").build()))
                .build();
    }

    /** Response times of a resolved incident. */
    public static IncidentMetrics incidentMetrics() {
        return IncidentMetrics.newBuilder()
                .setIncidentId("inc-checkout-20250314-0926")
                .setPriority(Priority.P1)
                .setServices(List.of("orders-db", "checkout-api"))
                .setStartedAt(T0)
                .setDetectedAt(T0.plusMillis(850))
                .setAcknowledgedAt(T0.plusSeconds(240))
                .setResolvedAt(T0.plusSeconds(1800))
                .setTtdMs(850L)
                .setTtaMs(239_150L)
                .setTtrMs(1_799_150L)
                .setAlertCount(2)
                .setDuplicateCount(7L)
                .setReopenCount(0)
                .build();
    }

    /** The trigger page of the incident. */
    public static Page page() {
        return Page.newBuilder()
                .setIncidentId("inc-checkout-20250314-0926")
                .setKind(PageKind.TRIGGER)
                .setLevel(1)
                .setTarget("payments-primary")
                .setPriority(Priority.P1)
                .setTitle("orders-db down; checkout-api errors")
                .setAt(T0.plusSeconds(1))
                .setIncidentVersion(1L)
                .build();
    }

    /** A metric rate-of-change anomaly on checkout latency. */
    public static Anomaly anomaly() {
        return Anomaly.newBuilder()
                .setKind(AnomalyKind.METRIC_RATE_OF_CHANGE)
                .setService("checkout-api")
                .setSeries("checkout-api/http_request_duration_p99_ms")
                .setBaseline(180.0)
                .setObserved(62.5)
                .setWindowStart(T0.minusSeconds(3600))
                .setWindowEnd(T0)
                .setDetail("p99 latency rising 62.5 % per hour over its 180 ms baseline")
                .setCleared(false)
                .build();
    }

    /** The sample alert held back by the nightly window. */
    public static SuppressedAlert suppressedAlert() {
        return SuppressedAlert.newBuilder()
                .setAlert(rawAlert())
                .setWindowId("mw-orders-db-nightly")
                .setWindowName("orders-db nightly vacuum")
                .setSuppressedAt(T0.plusSeconds(1))
                .setWindowEndsAt(T0.plusSeconds(3600))
                .build();
    }

    /** One hour of checkout API statistics. */
    public static ServiceMetrics serviceMetrics() {
        return ServiceMetrics.newBuilder()
                .setService("checkout-api")
                .setWindowStart(Instant.parse("2025-03-14T09:00:00Z"))
                .setWindowEnd(Instant.parse("2025-03-14T10:00:00Z"))
                .setIncidentsOpened(1L)
                .setAlerts(42L)
                .setDuplicates(35L)
                .setSuppressed(3L)
                .setMttaMs(239_150.0)
                .setMttrMs(1_799_150.0)
                .setP90TtrMs(null)
                .build();
    }

    /** Noise statistics of the PostgresDown rule. */
    public static NoiseReport noiseReport() {
        return NoiseReport.newBuilder()
                .setAlertname("PostgresDown")
                .setService("orders-db")
                .setFired(12L)
                .setDuplicates(340L)
                .setFlaps(4L)
                .setSuppressed(6L)
                .setIncidents(3L)
                .setResolvedWithoutAck(2L)
                .setUpdatedAt(T0)
                .build();
    }

    /** A record from alerts.raw that was not Avro at all. */
    public static DeadLetter deadLetter() {
        return DeadLetter.newBuilder()
                .setSourceTopic("alerts.raw")
                .setPartition(3)
                .setOffset(1_234_567L)
                .setKey(ByteBuffer.wrap("5f1b8c3e2a9d0471".getBytes(StandardCharsets.UTF_8)))
                .setValue(ByteBuffer.wrap("{\"labels\":{}}".getBytes(StandardCharsets.UTF_8)))
                .setError("Record from topic 'alerts.raw' starts with byte 0x7b, expected magic byte 0x00")
                .setStage("deserialize")
                .setAt(T0)
                .build();
    }

    /** A flap: the sample alert firing again after a resolve. */
    public static AlertChange alertChange() {
        return AlertChange.newBuilder()
                .setFingerprint("5f1b8c3e2a9d0471")
                .setChange(ChangeType.FIRED)
                .setAlert(rawAlert())
                .setOccurrence(2)
                .setFlap(true)
                .setDuplicates(0L)
                .setEffectiveStartsAt(T0)
                .setDetectedAt(T0.plusMillis(850))
                .setAt(T0.plusMillis(850))
                .setReleasedFrom(null)
                .build();
    }
}
