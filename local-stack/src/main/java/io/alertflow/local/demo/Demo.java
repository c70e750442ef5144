package io.alertflow.local.demo;

import io.alertflow.avro.Anomaly;
import io.alertflow.avro.DeadLetter;
import io.alertflow.avro.Incident;
import io.alertflow.avro.Page;
import io.alertflow.avro.SuppressedAlert;
import io.alertflow.avro.TimelineEntry;
import io.alertflow.config.ConfigSource;
import io.alertflow.local.LocalStack;
import io.alertflow.simulator.GatewayClient;
import io.alertflow.simulator.PlaybackSummary;
import io.alertflow.simulator.Scenario;
import io.alertflow.simulator.ScenarioPlayer;
import io.alertflow.simulator.Scenarios;
import io.alertflow.streams.config.AlertflowConfig;
import io.alertflow.streams.topics.Topics;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code ./alertflow demo}: starts a {@link LocalStack}, plays scenarios through the gateway's HTTP endpoints
 * with time compression (in parallel: they involve different services), prints what happens as it happens,
 * waits for the last timers (observation windows) to fire, then reads the output topics and prints the
 * {@link DemoReport}.
 */
public final class Demo {
    /** The scenarios the demo plays by default: a cascading outage, a maintenance window, a slow degradation. */
    public static final List<String> DEFAULT_SCENARIOS = List.of("payment-outage", "nightly-batch", "gradual-latency");
    /** Scenario minutes per real minute by default: 90 scenario minutes in 36 s. */
    public static final double DEFAULT_SPEED = 150;
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    /** Beyond the compressed observation window: commit interval, timer period and the reader catching up. */
    static final Duration SETTLE_MARGIN = Duration.ofSeconds(3);

    private final PrintStream out;
    private final double speed;
    private final List<Scenario> scenarios;
    private final Map<String, Duration> reached = new ConcurrentHashMap<>();
    private final AtomicReference<LocalStack> running = new AtomicReference<>();
    private volatile Instant start = Instant.now();

    /** What a demo run produced. */
    public record Result(int exitCode, DemoOutcome outcome, String report, Map<String, PlaybackSummary> playback) {
    }

    public Demo(PrintStream out, double speed, List<String> scenarioNames) {
        this.out = out;
        this.speed = speed;
        this.scenarios = scenarioNames.stream().map(Scenarios::byName).toList();
    }

    /** Runs the whole demo; the stack is stopped and its data deleted before this returns. */
    public Result run() throws Exception {
        say("Alertflow demo: " + scenarios.size() + " scenarios at " + (int) speed + "x time compression");
        scenarios.forEach(s -> say("  - " + s.name() + ": " + s.description() + " (" + s.length().toMinutes() + " min)"));
        say("");
        say("Starting the embedded stack…");
        try (LocalStack stack = LocalStack.start(LocalStack.Options.demo(speed), line -> say("  " + line))) {
            running.set(stack);
            AlertflowConfig cfg = stack.config();
            OutputReader reader = OutputReader.start(stack.bootstrapServers(), Topics.from(cfg), new LivePrinter());
            try {
                say("");
                say("Playing the scenarios through " + stack.gatewayUri() + " (Alertmanager API v2, PagerDuty Events v2, admin API)…");
                Map<String, PlaybackSummary> playback = play(stack, reader);
                Duration settle = settleTime(cfg);
                say(String.format("Playback done; waiting %.1f s for the last observation windows and commits…", settle.toMillis() / 1000.0));
                Thread.sleep(settle.toMillis());
                DemoOutcome outcome = reader.drain();
                String report = new DemoReport(start, speed).render(outcome);
                say("");
                out.print(report);
                out.flush();
                String problem = stack.streamsProblem();
                if (problem != null) {
                    say("! " + problem);
                }
                return new Result(problem == null ? exitCode(playback) : 1, outcome, report, playback);
            } finally {
                reader.close();
                running.set(null);
                say("Stopping the embedded stack…");
            }
        }
    }

    /** Stops the stack of a demo that is still running (Ctrl-C); safe to call at any time. */
    public void abort() {
        LocalStack stack = running.getAndSet(null);
        if (stack != null) {
            stack.close();
        }
    }

    private Map<String, PlaybackSummary> play(LocalStack stack, OutputReader reader) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(scenarios.size() + 1);
        try {
            start = Instant.now();
            PlaybackClock first = null;
            Map<String, Future<PlaybackSummary>> running = new LinkedHashMap<>();
            for (Scenario scenario : scenarios) {
                GatewayClient client = new GatewayClient(stack.gatewayUri(), null);
                PlaybackClock clock = new PlaybackClock(Clock.systemUTC());
                first = first == null ? clock : first;
                ScenarioPlayer player = new ScenarioPlayer(client, new ScenarioPlayer.Options(speed, 0, "alertflow-demo",
                        clock, offset -> reached.put(scenario.name(), offset)));
                running.put(scenario.name(), pool.submit(() -> player.play(scenario)));
            }
            awaitOrigin(first);
            Future<?> progress = pool.submit(() -> printProgress(reader, running));
            Map<String, PlaybackSummary> summaries = new LinkedHashMap<>();
            for (Map.Entry<String, Future<PlaybackSummary>> e : running.entrySet()) {
                summaries.put(e.getKey(), e.getValue().get());
            }
            progress.cancel(true);
            summaries.forEach((name, summary) -> {
                if (summary.failedRequests() > 0) {
                    say("  ! " + name + ": " + summary.failedRequests() + " requests refused; first: " + summary.firstFailure());
                }
            });
            return summaries;
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** Offsets are measured from the first scenario's minute 0, which its player fixes when it starts. */
    private void awaitOrigin(PlaybackClock clock) throws InterruptedException {
        while (clock != null && clock.first() == null) {
            Thread.sleep(1);
        }
        if (clock != null) {
            start = clock.first();
        }
    }

    private void printProgress(OutputReader reader, Map<String, Future<PlaybackSummary>> running) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(PROGRESS_EVERY.toMillis());
                List<String> parts = new ArrayList<>();
                for (Scenario s : scenarios) {
                    Duration at = reached.getOrDefault(s.name(), Duration.ZERO);
                    parts.add(s.name() + " " + at.toMinutes() + "/" + s.length().toMinutes() + " min"
                            + (running.get(s.name()).isDone() ? " (done)" : ""));
                }
                DemoOutcome o = reader.outcome();
                say("  … " + String.join(" | ", parts) + " · alerts in " + o.alertsIn() + ", incidents " + o.incidents().size()
                        + ", pages " + o.pages().size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Long enough for an incident whose last alert resolved at the very end to pass its observation window. */
    Duration settleTime(AlertflowConfig cfg) {
        Duration observation = duration(cfg, "resolve.observation", Duration.ofMillis(Math.round(600_000 / speed)));
        Duration timers = duration(cfg, "timers.interval", Duration.ofSeconds(5));
        return observation.plus(timers.multipliedBy(2)).plus(SETTLE_MARGIN);
    }

    private static Duration duration(AlertflowConfig cfg, String key, Duration fallback) {
        String value = cfg.source().optional(key);
        return value == null ? fallback : ConfigSource.parseDuration(value);
    }

    private static int exitCode(Map<String, PlaybackSummary> playback) {
        return playback.values().stream().allMatch(s -> s.failedRequests() == 0) ? 0 : 1;
    }

    private void say(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    /** Prints the output records that tell the story while it unfolds. */
    private final class LivePrinter implements OutputReader.Listener {
        private DemoReport clock() {
            return new DemoReport(start, speed);
        }

        @Override
        public void incident(Incident previous, Incident current) {
            String at = clock().offset(latest(current));
            if (previous == null) {
                say("  [" + at + "] incident " + current.getId() + " opened: " + current.getTitle() + " (" + current.getPriority() + ")");
                return;
            }
            if (previous.getVersion() >= current.getVersion()) {
                return;
            }
            List<String> changes = new ArrayList<>();
            if (previous.getState() != current.getState()) {
                changes.add(previous.getState() + " -> " + current.getState());
            }
            if (previous.getPriority() != current.getPriority()) {
                changes.add(previous.getPriority() + " -> " + current.getPriority());
            }
            if (current.getRootCauseService() != null && !current.getRootCauseService().equals(previous.getRootCauseService())) {
                changes.add("root cause " + current.getRootCauseService());
            }
            if (!changes.isEmpty()) {
                say("  [" + at + "] incident " + current.getId() + ": " + String.join(", ", changes));
            }
        }

        @Override
        public void page(Page page) {
            say("  [" + clock().offset(page.getAt()) + "] page " + page.getKind() + " -> " + page.getTarget() + " (" + page.getPriority()
                    + "): " + page.getTitle());
        }

        @Override
        public void anomaly(Anomaly a) {
            say("  [" + clock().offset(a.getWindowEnd()) + "] anomaly " + a.getKind() + (a.getCleared() ? " cleared" : "") + " on "
                    + a.getService() + ": " + a.getDetail());
        }

        @Override
        public void suppressed(SuppressedAlert s) {
            say("  [" + clock().offset(s.getSuppressedAt()) + "] suppressed " + s.getAlert().getLabels().get("alertname") + " on "
                    + s.getAlert().getLabels().getOrDefault("service", "?") + " by window '" + s.getWindowName() + "'");
        }

        @Override
        public void deadLetter(DeadLetter d) {
            say("  dead letter from " + d.getStage() + " (" + d.getSourceTopic() + "): " + d.getError());
        }

        private Instant latest(Incident incident) {
            List<TimelineEntry> timeline = incident.getTimeline();
            return timeline.isEmpty() ? incident.getDetectedAt() : timeline.get(timeline.size() - 1).getAt();
        }
    }
}
