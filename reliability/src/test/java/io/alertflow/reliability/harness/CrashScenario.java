package io.alertflow.reliability.harness;

import io.alertflow.alert.Fingerprint;
import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.EscalationPolicy;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Service;
import io.alertflow.avro.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The deterministic input of the crash scenarios: components of two services (an API calling its database,
 * tier 1, a 3-level policy with a 2-minute ack timeout) that go through outage episodes. In each episode the
 * database alert fires, two API alerts join, all three are re-sent every 30 s as Prometheus does, and resolve
 * after ~7 minutes; the incident escalates twice, resolves after the 10-minute observation window and emits
 * its metrics. Every other episode recurs 20 minutes after the resolution and reopens the incident; the
 * others come after the reopen window and open a new one.
 *
 * <p>Why the comparison with an uninterrupted run can be exact: timers run on stream time; every timer an
 * episode sets (escalations at +2 and +4 min, observation end, reopen-window end, retention) falls at least
 * minutes away from any record of the same component that reaches the incident stage (re-sends are absorbed
 * by dedup), so punctuation alignment, which changes after a restart, cannot change any decision; outputs are
 * stamped with due times, not with the moment a timer ran.
 */
public final class CrashScenario {
    private static final int RECORDS_PER_EPISODE = 45;
    private static final Duration RESEND = Duration.ofSeconds(30);
    private static final long REOPEN_GAP_S = 2220;
    private static final long NEW_INCIDENT_GAP_S = 4600;
    /** Last records: stream time jumps past every pending timer, and the second marks "all processed". */
    public static final String SENTINEL_SERVICE = "zz-sentinel";
    public static final String SENTINEL_DONE_SERVICE = "zz-sentinel-done";

    /** One input record: key, event time (also its receivedAt and Kafka timestamp), value. */
    public record Input(String key, Instant at, RawAlert alert) {
    }

    private final List<Service> services;
    private final List<Input> alerts;
    private final int components;

    private CrashScenario(List<Service> services, List<Input> alerts, int components) {
        this.services = services;
        this.alerts = alerts;
        this.components = components;
    }

    /**
     * About {@code records} alert records: each component has an outage, a recurrence that reopens its incident,
     * and a later outage that opens a new one; components are staggered by 3 s. Ends one hour before {@code now}.
     */
    public static CrashScenario generate(int records, Instant now) {
        int components = Math.max(4, records / (3 * RECORDS_PER_EPISODE));
        long span = components * 3L + REOPEN_GAP_S + NEW_INCIDENT_GAP_S + 2 * 3600;
        Instant base = now.minusSeconds(span + 3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        List<Service> services = new ArrayList<>();
        List<Input> alerts = new ArrayList<>();
        for (int c = 0; c < components; c++) {
            services.addAll(component(c));
            Instant start = base.plusSeconds(c * 3L);
            episode(c, start, alerts);
            episode(c, start.plusSeconds(REOPEN_GAP_S), alerts);
            episode(c, start.plusSeconds(REOPEN_GAP_S + NEW_INCIDENT_GAP_S), alerts);
        }
        alerts.sort(Comparator.comparing(Input::at));
        Instant last = alerts.get(alerts.size() - 1).at();
        alerts.add(firing(SENTINEL_SERVICE, "Sentinel", Severity.CRITICAL, last.plus(Duration.ofHours(3)), last.plus(Duration.ofHours(3))));
        alerts.add(firing(SENTINEL_DONE_SERVICE, "Sentinel", Severity.CRITICAL, last.plus(Duration.ofHours(3)).plusSeconds(1),
                last.plus(Duration.ofHours(3)).plusSeconds(1)));
        return new CrashScenario(List.copyOf(services), List.copyOf(alerts), components);
    }

    /** A probe: a firing alert of its own service (so its own incident), written after a batch to see it processed. */
    public static Input probe(int batch, Instant at) {
        return firing(probeService(batch), "Probe", Severity.CRITICAL, at, at);
    }

    /** The RESOLVED notification of a firing input (same labels, so same fingerprint), received at {@code at}. */
    public static Input resolved(Input firing, Instant at) {
        RawAlert alert = RawAlert.newBuilder(firing.alert()).setStatus(AlertStatus.RESOLVED).setEndsAt(at).setReceivedAt(at).build();
        return new Input(firing.key(), at, alert);
    }

    public static String probeService(int batch) {
        return String.format("zz-probe-%05d", batch);
    }

    public List<Service> services() {
        return services;
    }

    public List<Input> alerts() {
        return alerts;
    }

    public int components() {
        return components;
    }

    private static List<Service> component(int c) {
        EscalationPolicy policy = EscalationPolicy.newBuilder().setAckTimeoutMs(120_000L)
                .setLevels(List.of("team" + c + "-primary", "team" + c + "-secondary", "team" + c + "-manager")).build();
        Service db = Service.newBuilder().setName("c" + c + "-db").setTier(1).setTeam("team" + c).setDependsOn(List.of())
                .setRunbookUrl("https://runbooks.example.com/c" + c + "-db").setEscalation(policy).setCorrelationGroup(null).build();
        Service api = Service.newBuilder().setName("c" + c + "-api").setTier(1).setTeam("team" + c)
                .setDependsOn(List.of("c" + c + "-db")).setRunbookUrl("https://runbooks.example.com/c" + c + "-api")
                .setEscalation(policy).setCorrelationGroup(null).build();
        return List.of(db, api);
    }

    private static void episode(int c, Instant start, List<Input> out) {
        String[][] rules = {{"c" + c + "-db", "DbDown", "critical"}, {"c" + c + "-api", "HighErrorRate", "critical"},
                {"c" + c + "-api", "HighLatency", "warning"}};
        for (int r = 0; r < rules.length; r++) {
            Instant firedAt = start.plusSeconds(10L * r);
            Instant startsAt = firedAt.minusSeconds(30);
            Severity severity = rules[r][2].equals("critical") ? Severity.CRITICAL : Severity.WARNING;
            for (int n = 0; n < 14; n++) {
                Instant at = firedAt.plus(RESEND.multipliedBy(n));
                out.add(firing(rules[r][0], rules[r][1], severity, startsAt, at));
            }
            Instant resolvedAt = start.plusSeconds(400 + 10L * r);
            Input resolved = firing(rules[r][0], rules[r][1], severity, startsAt, resolvedAt);
            resolved.alert().setStatus(AlertStatus.RESOLVED);
            resolved.alert().setEndsAt(resolvedAt);
            out.add(resolved);
        }
    }

    static Input firing(String service, String alertname, Severity severity, Instant startsAt, Instant at) {
        Map<String, String> labels = Map.of("alertname", alertname, "service", service,
                "severity", severity.name().toLowerCase(java.util.Locale.ROOT));
        String fingerprint = Fingerprint.of(labels);
        RawAlert alert = RawAlert.newBuilder().setFingerprint(fingerprint).setSource("prometheus")
                .setStatus(AlertStatus.FIRING).setSeverity(severity).setLabels(labels)
                .setAnnotations(Map.of("summary", alertname + " on " + service)).setStartsAt(startsAt).setEndsAt(null)
                .setReceivedAt(at).setGeneratorUrl(null).setValue(null).build();
        return new Input(fingerprint, at, alert);
    }
}
