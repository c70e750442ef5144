package io.alertflow.whatif;

import static io.alertflow.whatif.RecordingBuilder.t;

import io.alertflow.avro.ActionKind;
import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.EscalationPolicy;
import io.alertflow.avro.Service;
import io.alertflow.avro.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The recordings the tests and examples/ share. */
final class SampleRecordings {
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    private SampleRecordings() {
    }

    static List<Service> catalog() {
        EscalationPolicy policy = EscalationPolicy.newBuilder().setAckTimeoutMs(Duration.ofMinutes(5).toMillis())
                .setLevels(List.of("payments-primary", "payments-secondary")).build();
        return List.of(
                Service.newBuilder().setName("api-gateway").setTier(1).setDependsOn(List.of("payments-api")).build(),
                Service.newBuilder().setName("checkout").setTier(1).setDependsOn(List.of("payments-api")).build(),
                Service.newBuilder().setName("payments-api").setTier(1).setDependsOn(List.of("payments-db")).setEscalation(policy).build(),
                Service.newBuilder().setName("payments-db").setTier(1).setEscalation(policy).build(),
                Service.newBuilder().setName("search").setTier(2).build());
    }

    /**
     * The payment outage: a deploy of payments-api, then its database's connection pool runs dry and the callers'
     * error rates climb (re-sent every 30 s); acknowledged at 9 m, mitigated at 15 m, all resolved by 22 m 30 s;
     * the pool alert fires again at 43 m for 5 m. Meanwhile search's index lags inside a maintenance window, and
     * checkout's latency is sampled every minute (flat).
     */
    static RecordingBuilder paymentOutage() {
        return paymentOutage(T0);
    }

    /** {@link #paymentOutage()} starting at {@code T0}. */
    static RecordingBuilder paymentOutage(Instant T0) {
        RecordingBuilder r = new RecordingBuilder();
        catalog().forEach(s -> r.service(s, T0));
        r.change("deploy-231", "payments-api", "v2.3.1", t(T0, "30s"));
        r.window("mw-search-reindex", "search reindex", "service", "search", T0, t(T0, "30m"), t(T0, "10s"));
        r.fireAndResend("HighMemoryUsage", "payments-api", Severity.ERROR, t(T0, "1m"), t(T0, "2m"), t(T0, "20m"));
        r.fireAndResend("DBConnectionPoolExhausted", "payments-db", Severity.CRITICAL, t(T0, "2m30s"), t(T0, "3m"), t(T0, "21m"));
        r.fireAndResend("HighErrorRate", "checkout", Severity.ERROR, t(T0, "3m30s"), t(T0, "4m"), t(T0, "22m"));
        r.fireAndResend("HighErrorRate", "api-gateway", Severity.ERROR, t(T0, "4m"), t(T0, "4m30s"), t(T0, "22m30s"));
        r.fireAndResend("SearchIndexLag", "search", Severity.ERROR, t(T0, "5m"), t(T0, "5m10s"), t(T0, "20m10s"));
        r.action(ActionKind.ACKNOWLEDGE, "DBConnectionPoolExhausted", "payments-db", t(T0, "9m10s"));
        r.action(ActionKind.MITIGATE, "DBConnectionPoolExhausted", "payments-db", t(T0, "15m10s"));
        r.fireAndResend("DBConnectionPoolExhausted", "payments-db", Severity.CRITICAL, t(T0, "43m"), t(T0, "43m10s"), t(T0, "48m10s"));
        for (int m = 0; m < 50; m++) {
            r.sample("checkout-p99", "checkout", 120 + (m % 3), T0.plusSeconds(60L * m + 5));
        }
        return r;
    }

    /**
     * A change event of a service no incident involves every {@code every} from {@code from} to {@code to}: it keeps
     * every live task's stream time moving (see WhatIfLiveIT) and changes no incident.
     */
    static RecordingBuilder heartbeats(RecordingBuilder r, Instant from, Instant to, Duration every) {
        int n = 0;
        for (Instant at = from; at.isBefore(to); at = at.plus(every)) {
            r.change("heartbeat-" + n++, "heartbeat", "v0", at);
        }
        return r;
    }

    /**
     * Ten quiet minutes of SlowQuery alerts on search, one a minute, then a storm of 40 within 4 s: an alert-rate
     * surge (with {@code anomaly.surge.warmup=5m}), whose synthetic alert is fed back and opens an incident.
     */
    static RecordingBuilder slowQuerySurge() {
        RecordingBuilder r = new RecordingBuilder();
        for (int minute = 0; minute < 10; minute++) {
            Map<String, String> labels = Map.of("alertname", "SlowQuery", "service", "search", "instance", "q" + minute);
            r.alert(labels, Severity.WARNING, t(T0, minute + "m"), AlertStatus.FIRING, t(T0, minute + "m"));
        }
        for (int i = 0; i < 40; i++) {
            Map<String, String> labels = Map.of("alertname", "SlowQuery", "service", "search", "instance", "storm" + i);
            r.alert(labels, Severity.WARNING, t(T0, "10m"), AlertStatus.FIRING, t(T0, "10m").plusMillis(i * 100L));
        }
        return r;
    }

    /** An alert without anything else: one incident, no escalation policy, no acknowledgement. */
    static RecordingBuilder lonelyAlert() {
        RecordingBuilder r = new RecordingBuilder();
        r.fireAndResend("DiskFull", "billing", Severity.CRITICAL, T0, T0, t(T0, "2m"));
        return r;
    }
}
