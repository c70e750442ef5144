package io.alertflow.simulator;

import io.alertflow.avro.ActionKind;
import io.alertflow.avro.ChangeKind;
import io.alertflow.avro.EscalationPolicy;
import io.alertflow.avro.Service;
import io.alertflow.simulator.StepAction.Acknowledge;
import io.alertflow.simulator.StepAction.Act;
import io.alertflow.simulator.StepAction.Fire;
import io.alertflow.simulator.StepAction.Matcher;
import io.alertflow.simulator.StepAction.PutService;
import io.alertflow.simulator.StepAction.PutWindow;
import io.alertflow.simulator.StepAction.RecordChange;
import io.alertflow.simulator.StepAction.Resolve;
import io.alertflow.simulator.StepAction.Sample;
import io.alertflow.simulator.StepAction.Samples;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The catalogue of scenarios, each modelled on a real incident pattern. Offsets are scenario
 * minutes; {@link ScenarioPlayer} compresses them.
 */
public final class Scenarios {
    private static final Map<String, Supplier<Scenario>> CATALOGUE = Map.of(
            "payment-outage", Scenarios::paymentOutage,
            "nightly-batch", Scenarios::nightlyBatch,
            "flapping", Scenarios::flapping,
            "gradual-latency", () -> gradualLatency(42),
            "third-party", Scenarios::thirdParty,
            "storm", () -> storm(2_000, 20, Duration.ofMinutes(10)));

    private Scenarios() {
    }

    /** Names accepted by {@link #byName}, sorted. */
    public static List<String> names() {
        return CATALOGUE.keySet().stream().sorted().toList();
    }

    /** The scenario with default parameters; IllegalArgumentException naming the known ones otherwise. */
    public static Scenario byName(String name) {
        Supplier<Scenario> scenario = CATALOGUE.get(name);
        if (scenario == null) {
            throw new IllegalArgumentException("unknown scenario '" + name + "'; known: " + String.join(", ", names()));
        }
        return scenario.get();
    }

    /** A service with a one-level-per-team escalation policy. */
    public static Service service(String name, int tier, String team, List<String> dependsOn) {
        return Service.newBuilder().setName(name).setTier(tier).setTeam(team).setDependsOn(dependsOn)
                .setRunbookUrl("https://runbooks.example.com/" + name)
                .setEscalation(new EscalationPolicy(Duration.ofMinutes(5).toMillis(), List.of(team + "-oncall", team + "-lead", "incident-commander")))
                .setCorrelationGroup(null).build();
    }

    /**
     * A deploy of payments-api leaks memory; the database connection pool is exhausted; checkout and
     * api-gateway fail in cascade; the on-call acknowledges, rolls back (mitigation), everything
     * resolves, and the pool alert recurs 15 minutes later (reopening the incident; acknowledged again).
     */
    public static Scenario paymentOutage() {
        AlertSpec memory = AlertSpec.of("PaymentsApiMemoryHigh", "payments-api", "warning", "payments-api heap above 90%");
        AlertSpec oom = AlertSpec.of("PaymentsApiOOMKilled", "payments-api", "error", "payments-api pods OOM-killed");
        AlertSpec pool = AlertSpec.of("DBConnectionPoolExhausted", "payments-db", "critical", "payments-db connection pool exhausted")
                .with("instance", "payments-db-0");
        AlertSpec checkout = AlertSpec.of("CheckoutErrorRate", "checkout", "critical", "checkout 5xx above 5%");
        AlertSpec gateway = AlertSpec.of("ApiGatewayErrors", "api-gateway", "error", "api-gateway upstream errors");
        return Scenario.builder("payment-outage", "A bad payments-api deploy exhausts the payments-db pool and cascades to checkout and api-gateway")
                .at(0, new PutService(service("payments-db", 1, "payments", List.of())))
                .at(0, new PutService(service("payments-api", 1, "payments", List.of("payments-db"))))
                .at(0, new PutService(service("checkout", 1, "checkout", List.of("payments-api", "inventory"))))
                .at(0, new PutService(service("api-gateway", 1, "edge", List.of("checkout"))))
                .at(0.5, new RecordChange(null, "payments-api", ChangeKind.DEPLOY, "v2.14.0", "ci-bot", "payments-api v2.14.0: new connection handling"))
                .at(4, new Fire(List.of(memory)))
                .at(7, new Fire(List.of(oom)))
                .at(9, new Fire(List.of(pool)))
                .at(10, new Fire(List.of(checkout)))
                .at(11, new Fire(List.of(gateway)))
                // 8 minutes after the page: one escalation (the policies time out after 5), then the acknowledgement.
                .at(12, new Acknowledge(pool, "simulator"))
                .at(18, new RecordChange(null, "payments-api", ChangeKind.ROLLBACK, "v2.13.2", "alice", "roll back payments-api to v2.13.2"))
                .at(19, new Act(pool, ActionKind.MITIGATE, "alice", "rolled back payments-api"))
                .at(23, new Resolve(List.of(gateway, checkout)))
                .at(25, new Resolve(List.of(oom, memory)))
                .at(27, new Resolve(List.of(pool)))
                .at(42, new Fire(List.of(pool)))
                .at(44, new Acknowledge(pool, "simulator"))
                .at(47, new Resolve(List.of(pool)))
                .build(50);
    }

    /**
     * CPU alerts of the nightly batch inside a recurring 01:00-02:00 maintenance window (scenario
     * minute 10 to 70): one resolves inside the window, one is still firing when it ends and is released.
     */
    public static Scenario nightlyBatch() {
        AlertSpec batchCpu = AlertSpec.of("HighCPU", "batch-runner", "warning", "batch-runner CPU above 95%");
        AlertSpec dbCpu = AlertSpec.of("HighCPU", "reporting-db", "warning", "reporting-db CPU above 90%");
        return Scenario.builder("nightly-batch", "CPU alerts during the nightly batch window; one outlives the window")
                .at(0, new PutService(service("reporting-db", 2, "data", List.of())))
                .at(0, new PutService(service("batch-runner", 3, "data", List.of("reporting-db"))))
                .at(0, new PutWindow("nightly-batch", "nightly batch 01:00-02:00",
                        List.of(new Matcher("service", "=~", "batch-runner|reporting-db")), Duration.ofMinutes(10), Duration.ofMinutes(70), true,
                        "the nightly batch saturates CPU by design"))
                .at(15, new Fire(List.of(batchCpu)))
                .at(20, new Fire(List.of(dbCpu)))
                .at(65, new Resolve(List.of(batchCpu)))
                .at(85, new Resolve(List.of(dbCpu)))
                .build(90);
    }

    /** One cache latency alert firing and resolving every four minutes: one incident, one page. */
    public static Scenario flapping() {
        AlertSpec latency = AlertSpec.of("CacheLatencyHigh", "session-cache", "error", "session-cache p99 above 50 ms");
        Scenario.Builder b = Scenario.builder("flapping", "An alert that fires and resolves every few minutes")
                .at(0, new PutService(service("session-cache", 2, "platform", List.of())));
        for (int cycle = 0; cycle < 6; cycle++) {
            b.at(1 + 4 * cycle, new Fire(List.of(latency)));
            b.at(3 + 4 * cycle, new Resolve(List.of(latency)));
        }
        return b.build(40);
    }

    /**
     * The p99 latency of search rising about 50 % over an hour with noise, one sample every 30 s,
     * never crossing an alert threshold: only rate-of-change detection can see it.
     */
    public static Scenario gradualLatency(long seed) {
        Random noise = new Random(seed);
        Scenario.Builder b = Scenario.builder("gradual-latency", "search p99 latency creeps up 50% in an hour, below every threshold")
                .at(0, new PutService(service("search", 2, "discovery", List.of())));
        for (int i = 0; i <= 120; i++) {
            double minutes = i * 0.5;
            double value = 200 * (1 + 0.5 * minutes / 60) * (1 + 0.05 * noise.nextGaussian());
            b.at(minutes, new Samples(List.of(new Sample("search:http_request_duration_p99_ms", "http_request_duration_p99_ms", "search",
                    Map.of("route", "/search"), Math.round(value * 10) / 10.0))));
        }
        return b.build(61);
    }

    /** An external SMS provider degrades; notifications and auth (its callers) alert, then orders. */
    public static Scenario thirdParty() {
        AlertSpec sms = AlertSpec.of("SmsDeliveryFailures", "notifications", "error", "SMS delivery failure rate above 20%");
        AlertSpec otp = AlertSpec.of("OtpSendErrors", "auth", "critical", "one-time passwords are not delivered");
        AlertSpec orders = AlertSpec.of("OrderConfirmationDelayed", "orders", "warning", "order confirmations delayed");
        return Scenario.builder("third-party", "The SMS provider degrades; its callers alert")
                .at(0, new PutService(service("sms-provider", 3, "vendor-management", List.of())))
                .at(0, new PutService(service("notifications", 2, "messaging", List.of("sms-provider"))))
                .at(0, new PutService(service("auth", 1, "identity", List.of("sms-provider"))))
                .at(0, new PutService(service("orders", 2, "commerce", List.of("notifications"))))
                .at(3, new Fire(List.of(sms)))
                .at(4, new Fire(List.of(otp)))
                .at(6, new Fire(List.of(orders)))
                .at(9, new Acknowledge(otp, "simulator"))
                .at(20, new Resolve(List.of(sms, otp, orders)))
                .build(30);
    }

    /**
     * {@code distinct} alerts over {@code services} services, fired in the first minute and re-sent
     * every 30 s like Prometheus for {@code length}: load for the dedup stage (most requests are re-sends).
     */
    public static Scenario storm(int distinct, int services, Duration length) {
        List<AlertSpec> alerts = new ArrayList<>(distinct);
        for (int i = 0; i < distinct; i++) {
            alerts.add(AlertSpec.of("StormAlert" + (i % 50), "storm-svc-" + (i % services), i % 10 == 0 ? "critical" : "warning",
                    "synthetic storm alert " + i).with("instance", "host-" + i));
        }
        Scenario.Builder b = Scenario.builder("storm", distinct + " distinct alerts re-sent like Prometheus, for load")
                .resendEvery(Duration.ofSeconds(30));
        for (int i = 0; i < services; i++) {
            b.at(0, new PutService(service("storm-svc-" + i, 3, "load", List.of())));
        }
        int batches = (distinct + 99) / 100;
        for (int batch = 0; batch < batches; batch++) {
            b.at(1.0 * batch / batches, new Fire(alerts.subList(batch * 100, Math.min(distinct, (batch + 1) * 100))));
        }
        return b.build(length.toMillis() / 60_000.0);
    }
}
