package io.alertflow.explain;

import static io.alertflow.api.PipelineDriver.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.alert.Fingerprint;
import io.alertflow.api.PipelineDriver;
import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.Decision;
import io.alertflow.avro.DecisionLog;
import io.alertflow.avro.Severity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decisions store through the whole topology: one decision per state change, with its reason, and gone after retention. */
class DecisionStageTest {
    static final String DB = Fingerprint.of(Map.of("alertname", "DBConnectionPoolExhausted", "service", "payments-db"));
    static final String API = Fingerprint.of(Map.of("alertname", "HighLatency", "service", "payments-api"));
    static final String REPORTS = Fingerprint.of(Map.of("alertname", "SlowReport", "service", "reports"));
    static final String CHECKOUT = Fingerprint.of(Map.of("alertname", "HighErrorRate", "service", "checkout"));

    @TempDir
    Path stateDir;
    PipelineDriver p;

    @BeforeEach
    void start() {
        p = new PipelineDriver(stateDir, new SimpleMeterRegistry(), Map.of("explain.retention", "30m"));
    }

    @AfterEach
    void stop() {
        p.close();
    }

    void play() {
        p.window("mw-1", "checkout db migration", "checkout", t("0s"), t("10m"));
        for (Instant at = t("1m"); at.isBefore(t("3m")); at = at.plusSeconds(30)) {
            p.send("DBConnectionPoolExhausted", "payments-db", Severity.CRITICAL, AlertStatus.FIRING, t("1m"), at);
        }
        p.send("HighLatency", "payments-api", Severity.ERROR, AlertStatus.FIRING, t("3m"), t("3m"));
        p.send("SlowReport", "reports", Severity.WARNING, AlertStatus.FIRING, t("3m"), t("3m"));
        for (Instant at = t("4m"); at.isBefore(t("12m")); at = at.plusSeconds(60)) {
            p.send("HighErrorRate", "checkout", Severity.ERROR, AlertStatus.FIRING, t("4m"), at);
        }
        p.sendGarbage("fp-garbage", t("12m"));
        p.advanceTo(t("12m30s"));
    }

    List<String> kinds(String fingerprint) {
        DecisionLog log = p.get(DecisionStage.STORE, fingerprint);
        assertNotNull(log, "decisions of " + fingerprint);
        return log.getDecisions().stream().map(Decision::getKind).toList();
    }

    @Test
    void recordsEachStateChangeOnceWithItsReason() {
        play();
        // Four notifications of the db alert: one FIRED; re-sends are read live from the dedup store, never recorded.
        // Not re-sent after 2m30s, it goes stale 5 min later.
        assertEquals(List.of("FIRED", "OPENED_INCIDENT", "PAGED", "STALE"), kinds(DB));
        assertEquals(List.of("FIRED", "JOINED_INCIDENT", "NOT_PAGED", "STALE"), kinds(API));
        assertEquals(List.of("FIRED", "OPENED_INCIDENT", "NOT_PAGED", "STALE"), kinds(REPORTS));
        assertEquals(List.of("FIRED", "SUPPRESSED", "RELEASED", "JOINED_INCIDENT", "NOT_PAGED"), kinds(CHECKOUT));
        assertEquals(List.of("DEAD_LETTERED"), kinds("fp-garbage"));

        DecisionLog reports = p.get(DecisionStage.STORE, REPORTS);
        assertTrue(reports.getDecisions().get(2).getDetail().contains("below paging.min-priority P3"),
                reports.getDecisions().get(2).getDetail());
        Decision held = ((DecisionLog) p.get(DecisionStage.STORE, CHECKOUT)).getDecisions().get(1);
        assertEquals("checkout db migration", held.getWindowName());
        assertEquals(t("10m").toEpochMilli(), held.getUntil());
        Decision paged = ((DecisionLog) p.get(DecisionStage.STORE, DB)).getDecisions().get(2);
        assertTrue(paged.getDetail().startsWith("TRIGGER page to level 1 (payments-primary)"), paged.getDetail());
    }

    @Test
    void decisionsLeaveTheStoreAfterRetention() {
        play();
        assertTrue(p.size(DecisionStage.STORE) >= 5);
        // Alerts go stale 5 min after their last re-send (a decision), then nothing happens for explain.retention.
        p.advanceTo(t("1h"));
        assertEquals(0, p.size(DecisionStage.STORE));
        assertEquals(0, p.size(DecisionStage.DEADLINES));
    }
}
