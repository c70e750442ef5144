package io.alertflow.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertflow.json.RecordJson;
import io.alertflow.simulator.StepAction.Acknowledge;
import io.alertflow.simulator.StepAction.Act;
import io.alertflow.simulator.StepAction.Fire;
import io.alertflow.simulator.StepAction.PutService;
import io.alertflow.simulator.StepAction.PutWindow;
import io.alertflow.simulator.StepAction.RecordChange;
import io.alertflow.simulator.StepAction.Resolve;
import io.alertflow.simulator.StepAction.Samples;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Plays a {@link Scenario} against a running gateway over HTTP, as the real senders would: alerts
 * through the Alertmanager API v2 (firing alerts re-sent every resend interval, like Prometheus),
 * acknowledgements through PagerDuty Events v2, the rest through the native and admin endpoints.
 */
public final class ScenarioPlayer {
    /** Alerts per request, as Prometheus batches them. */
    static final int BATCH = 100;
    /** Floor for how far ahead a firing alert's endsAt lies, so fast playback never sends an already-ended alert. */
    static final Duration MIN_ENDS_AHEAD = Duration.ofSeconds(10);

    private final GatewayClient client;
    private final Options options;

    /**
     * How to play.
     *
     * @param speed time compression: scenario seconds per real second (1 = real time)
     * @param maxAlertsPerSecond cap on alert notifications sent per real second; 0 = no cap
     * @param routingKey PagerDuty routing key used for acknowledgements
     * @param clock real clock
     * @param progress receives the scenario offset reached after each step (for a progress bar); may be null
     */
    public record Options(double speed, double maxAlertsPerSecond, String routingKey, Clock clock, Consumer<Duration> progress) {
        /** Real time, no rate cap. */
        public static Options defaults() {
            return new Options(1, 0, "alertflow-simulator", Clock.systemUTC(), null);
        }

        public Options withSpeed(double newSpeed) {
            return new Options(newSpeed, maxAlertsPerSecond, routingKey, clock, progress);
        }
    }

    public ScenarioPlayer(GatewayClient client, Options options) {
        this.client = client;
        this.options = options;
    }

    /** Plays the whole scenario (blocking) and returns what was sent and how the gateway answered. */
    public PlaybackSummary play(Scenario scenario) throws InterruptedException {
        Run run = new Run(scenario, new ScenarioClock(options.clock(), options.speed()));
        return run.play();
    }

    /** The state of one playback: the clock, the firing alerts and the pacing. */
    private final class Run {
        private final Scenario scenario;
        private final ScenarioClock clock;
        private final PlaybackSummary summary = new PlaybackSummary();
        private final Map<String, Active> active = new LinkedHashMap<>();
        private Instant nextAlertAllowed;

        Run(Scenario scenario, ScenarioClock clock) {
            this.scenario = scenario;
            this.clock = clock;
            this.nextAlertAllowed = clock.now();
        }

        PlaybackSummary play() throws InterruptedException {
            Duration interval = scenario.resendInterval();
            Duration nextResend = interval;
            for (Step step : scenario.steps()) {
                while (interval != null && nextResend.compareTo(step.at()) <= 0) {
                    resendAt(nextResend);
                    nextResend = nextResend.plus(interval);
                }
                clock.sleepUntil(step.at());
                execute(step);
                report(step.at());
            }
            while (interval != null && nextResend.compareTo(scenario.length()) <= 0) {
                resendAt(nextResend);
                nextResend = nextResend.plus(interval);
            }
            clock.sleepUntil(scenario.length());
            report(scenario.length());
            summary.finish(Duration.between(clock.realAt(Duration.ZERO), clock.now()));
            return summary;
        }

        private void report(Duration offset) {
            if (options.progress() != null) {
                options.progress().accept(offset);
            }
        }

        /**
         * The service with its acknowledgement timeout compressed like the scenario's time: a 5-minute
         * timeout played at 150x must escalate after 2 real seconds, or compressed scenarios never escalate.
         */
        private io.alertflow.avro.Service compressed(io.alertflow.avro.Service service) {
            if (service.getEscalation() == null || options.speed() <= 1) {
                return service;
            }
            long ackTimeoutMs = Math.max(1, Math.round(service.getEscalation().getAckTimeoutMs() / options.speed()));
            return io.alertflow.avro.Service.newBuilder(service)
                    .setEscalation(io.alertflow.avro.EscalationPolicy.newBuilder(service.getEscalation())
                            .setAckTimeoutMs(ackTimeoutMs).build())
                    .build();
        }

        private void resendAt(Duration offset) throws InterruptedException {
            if (active.isEmpty()) {
                return;
            }
            clock.sleepUntil(offset);
            postAlerts(new ArrayList<>(active.values()), false, true);
            report(offset);
        }

        private void execute(Step step) throws InterruptedException {
            Duration at = step.at();
            StepAction action = step.action();
            if (action instanceof PutService s) {
                send("PUT", "/api/services/" + encode(s.service().getName()), RecordJson.toJsonString(compressed(s.service())), 0, 1);
            } else if (action instanceof PutWindow w) {
                send("PUT", "/api/maintenance-windows/" + encode(w.id()), window(w).toString(), 0, 1);
            } else if (action instanceof RecordChange c) {
                send("POST", "/api/changes", change(c, at).toString(), 0, 1);
            } else if (action instanceof Fire f) {
                List<Active> fired = new ArrayList<>();
                for (AlertSpec spec : f.alerts()) {
                    fired.add(active.computeIfAbsent(spec.fingerprint(), fp -> new Active(spec, clock.realAt(at.minus(spec.pending())))));
                }
                postAlerts(fired, false, false);
            } else if (action instanceof Resolve r) {
                List<Active> resolved = new ArrayList<>();
                for (AlertSpec spec : r.alerts()) {
                    Active a = active.remove(spec.fingerprint());
                    resolved.add(a != null ? a : new Active(spec, clock.realAt(at.minus(spec.pending()))));
                }
                postAlerts(resolved, true, false);
            } else if (action instanceof Acknowledge a) {
                send("POST", "/v2/enqueue", acknowledge(a).toString(), 0, 1);
            } else if (action instanceof Act a) {
                send("POST", "/api/alerts/" + encode(a.alert().fingerprint()) + "/actions", action(a, at).toString(), 0, 1);
            } else if (action instanceof Samples s) {
                send("POST", "/api/metrics/samples", samples(s, at).toString(), 0, s.samples().size());
            }
        }

        private void postAlerts(List<Active> alerts, boolean resolved, boolean resend) throws InterruptedException {
            for (int from = 0; from < alerts.size(); from += BATCH) {
                List<Active> batch = alerts.subList(from, Math.min(alerts.size(), from + BATCH));
                pace(batch.size());
                Instant now = clock.now();
                ArrayNode body = JsonNodeFactory.instance.arrayNode();
                for (Active a : batch) {
                    body.add(prometheusAlert(a, resolved ? latest(now.minusMillis(1), a.startsAt()) : now.plus(endsAhead())));
                }
                GatewayClient.Response response = client.send("POST", "/api/v2/alerts", body.toString());
                summary.record(response, batch.size(), 0, resend);
            }
        }

        /** Prometheus sets endsAt to 4 resend intervals ahead; never less than MIN_ENDS_AHEAD in real time. */
        private Duration endsAhead() {
            Duration interval = scenario.resendInterval() == null ? Duration.ofMinutes(1) : scenario.resendInterval();
            Duration ahead = clock.real(interval.multipliedBy(4));
            return ahead.compareTo(MIN_ENDS_AHEAD) < 0 ? MIN_ENDS_AHEAD : ahead;
        }

        private void pace(int alerts) throws InterruptedException {
            if (options.maxAlertsPerSecond() <= 0) {
                return;
            }
            clock.sleepUntil(nextAlertAllowed);
            Instant base = nextAlertAllowed.isAfter(clock.now()) ? nextAlertAllowed : clock.now();
            nextAlertAllowed = base.plusNanos(Math.round(alerts * 1e9 / options.maxAlertsPerSecond()));
        }

        private void send(String method, String path, String json, int alerts, int others) {
            summary.record(client.send(method, path, json), alerts, others, false);
        }

        private ObjectNode window(PutWindow w) {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("name", w.name());
            ArrayNode matchers = body.putArray("matchers");
            w.matchers().forEach(m -> matchers.addObject().put("label", m.label()).put("op", m.op()).put("value", m.value()));
            Instant from = clock.realAt(w.from()).truncatedTo(ChronoUnit.SECONDS);
            Duration length = clock.real(w.until().minus(w.from()));
            if (w.recurring()) {
                // A daily RRULE at the compressed start's UTC time of day: the first occurrence is the
                // scenario's window, later ones fall a real day apart (see docs/GATEWAY.md).
                ZonedDateTime utc = from.atZone(ZoneOffset.UTC);
                body.put("startsAt", from.toString());
                body.put("endsAt", from.plus(Duration.ofDays(7)).toString());
                body.putObject("recurrence")
                        .put("rrule", "FREQ=DAILY;BYHOUR=" + utc.getHour() + ";BYMINUTE=" + utc.getMinute() + ";BYSECOND=" + utc.getSecond())
                        .put("durationMs", Math.max(1, length.toMillis()))
                        .put("timezone", "UTC");
            } else {
                body.put("startsAt", from.toString());
                body.put("endsAt", from.plus(length).toString());
            }
            body.put("createdBy", "simulator");
            body.put("comment", w.comment());
            return body;
        }

        private ObjectNode change(RecordChange c, Duration at) {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            if (c.id() != null) {
                body.put("id", c.id());
            }
            return body.put("service", c.service()).put("kind", c.kind().name()).put("version", c.version()).put("author", c.author())
                    .put("at", clock.realAt(at).toString()).put("description", c.description());
        }

        private ObjectNode acknowledge(Acknowledge a) {
            return JsonNodeFactory.instance.objectNode().put("routing_key", options.routingKey()).put("event_action", "acknowledge")
                    .put("dedup_key", a.alert().fingerprint()).put("client", a.client());
        }

        private ObjectNode action(Act a, Duration at) {
            return JsonNodeFactory.instance.objectNode().put("action", a.action().name()).put("actor", a.actor()).put("note", a.note())
                    .put("at", clock.realAt(at).toString());
        }

        private ArrayNode samples(Samples s, Duration at) {
            ArrayNode body = JsonNodeFactory.instance.arrayNode();
            String time = clock.realAt(at).toString();
            for (StepAction.Sample sample : s.samples()) {
                ObjectNode node = body.addObject().put("series", sample.series()).put("name", sample.name()).put("service", sample.service());
                ObjectNode labels = node.putObject("labels");
                sample.labels().forEach(labels::put);
                node.put("at", time).put("value", sample.value());
            }
            return body;
        }
    }

    /** A firing alert and the real time its condition started (kept across re-sends, as Prometheus does). */
    private record Active(AlertSpec spec, Instant startsAt) {
    }

    private static ObjectNode prometheusAlert(Active a, Instant endsAt) {
        ObjectNode alert = JsonNodeFactory.instance.objectNode();
        ObjectNode labels = alert.putObject("labels");
        a.spec().labels().forEach(labels::put);
        ObjectNode annotations = alert.putObject("annotations");
        a.spec().annotations().forEach(annotations::put);
        alert.put("startsAt", a.startsAt().toString());
        alert.put("endsAt", endsAt.toString());
        alert.put("generatorURL", "http://simulator/graph?alert=" + encode(a.spec().labels().get("alertname")));
        return alert;
    }

    /** A resolution must not end before it started, even when fast playback squeezes both into a millisecond. */
    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
