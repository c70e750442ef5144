package io.alertflow.simulator;

import io.alertflow.json.RecordingLine;
import io.alertflow.json.RecordingReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code simulate} and {@code replay} commands: publish scenarios or recordings to a running
 * gateway over HTTP. Exit code 0 when every request was accepted, 1 when some were refused, 2 for
 * bad arguments.
 */
@Command(name = "alertflow", mixinStandardHelpOptions = true, subcommands = {SimulatorMain.Simulate.class, SimulatorMain.Replay.class},
        description = "Publishes simulated incidents or recorded inputs to the Alertflow gateway.")
public final class SimulatorMain {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (the launcher and tests call this). */
    public static int run(String... args) {
        return new CommandLine(new SimulatorMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    /** Options shared by both commands. */
    static class Target {
        @Option(names = "--gateway", defaultValue = "http://localhost:8080", description = "Gateway base URL (default: ${DEFAULT-VALUE}).")
        URI gateway;

        @Option(names = "--token", defaultValue = "${env:ALERTFLOW_GATEWAY_AUTH_TOKEN}",
                description = "Bearer token, when the gateway requires one (default: $ALERTFLOW_GATEWAY_AUTH_TOKEN).")
        String token;

        @Option(names = "--progress", negatable = true, description = "Show a progress bar (default: only when the output is a terminal).")
        Boolean progress;

        boolean showProgress() {
            return progress != null ? progress : System.console() != null;
        }
    }

    @Command(name = "simulate", mixinStandardHelpOptions = true, description = "Plays a scenario through the gateway's HTTP endpoints.")
    static final class Simulate implements Callable<Integer> {
        @CommandLine.Mixin
        Target target = new Target();

        @Option(names = "--scenario", required = true,
                description = "payment-outage, nightly-batch, flapping, gradual-latency, third-party or storm.")
        String scenario;

        @Option(names = "--speed", defaultValue = "60",
                description = "Time compression: scenario seconds per real second; 60 plays an hour in a minute (default: ${DEFAULT-VALUE}).")
        double speed;

        @Option(names = "--rate", defaultValue = "0", description = "At most this many alert notifications per second (0 = no limit).")
        double rate;

        @Option(names = "--alerts", defaultValue = "2000", description = "storm: number of distinct alerts (default: ${DEFAULT-VALUE}).")
        int alerts;

        @Option(names = "--routing-key", defaultValue = "alertflow-simulator", description = "PagerDuty routing key for acknowledgements.")
        String routingKey;

        @Override
        public Integer call() throws Exception {
            Scenario chosen = scenario.equals("storm") ? Scenarios.storm(alerts, 20, Duration.ofMinutes(10)) : Scenarios.byName(scenario);
            PrintStream out = System.out;
            out.printf("playing %s (%s): %d min of scenario time at speed %.0f against %s%n", chosen.name(), chosen.description(),
                    chosen.length().toMinutes(), speed, target.gateway);
            GatewayClient client = new GatewayClient(target.gateway, target.token);
            PlaybackSummary summary;
            try (ProgressBar bar = target.showProgress() ? bar(chosen.name(), chosen.length().toSeconds(), "s") : null) {
                Consumer<Duration> progress = bar == null ? null : offset -> bar.stepTo(Math.min(offset.toSeconds(), chosen.length().toSeconds()));
                ScenarioPlayer player = new ScenarioPlayer(client,
                        new ScenarioPlayer.Options(speed, rate, routingKey, Clock.systemUTC(), progress));
                summary = player.play(chosen);
            }
            out.println(chosen.name() + ": " + summary);
            return summary.failedRequests() == 0 ? 0 : 1;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Posts a recording (JSON Lines of {topic, timestamp, key, value}) with its original relative timing.")
    static final class Replay implements Callable<Integer> {
        @CommandLine.Mixin
        Target target = new Target();

        @Parameters(index = "0", description = "The recording, e.g. incidents.jsonl.")
        Path file;

        @Option(names = "--speed", defaultValue = "1", description = "Replay this many times faster than recorded (default: ${DEFAULT-VALUE}).")
        double speed;

        @Option(names = "--keep-timestamps", description = "Send the recorded timestamps unchanged instead of moving them to now.")
        boolean keepTimestamps;

        @Override
        public Integer call() throws Exception {
            GatewayClient client = new GatewayClient(target.gateway, target.token);
            ReplayPlayer player = new ReplayPlayer(client, speed, keepTimestamps, Clock.systemUTC());
            PlaybackSummary summary;
            try (RecordingReader reader = RecordingReader.open(file, RecordingLine.defaultTopicTypes());
                 ProgressBar bar = target.showProgress() ? bar(file.getFileName().toString(), -1, " lines") : null) {
                summary = player.replay(reader, bar == null ? null : bar::stepTo);
            }
            System.out.println(file.getFileName() + ": " + summary);
            return summary.failedRequests() == 0 ? 0 : 1;
        }
    }

    private static ProgressBar bar(String task, long max, String unit) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setUnit(unit, 1).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250).build();
    }
}
