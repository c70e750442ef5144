package io.alertflow.whatif;

import io.alertflow.config.ConfigSource;
import io.alertflow.json.RecordJsonException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code what-if}: runs the topology offline over a recording with one configuration, or two side by side. */
@Command(name = "what-if", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the Alertflow topology offline (no broker) over a recording and reports alerts, "
                + "incidents, pages and MTTA/MTTR/TTD; with --compare, two configurations side by side and which "
                + "incidents split, merged, appeared or disappeared."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:unexpected failure", "2:bad arguments, configuration or recording"})
public final class WhatIfCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "FILE.jsonl", description = "The recording (SPEC §5 JSON Lines).")
    Path input;

    @Option(names = "--config", required = true, paramLabel = "A.properties", description = "Configuration to evaluate.")
    Path config;

    @Option(names = "--compare", paramLabel = "B.properties", description = "A second configuration to compare with the first.")
    Path compare;

    @Option(names = "--json", description = "Print one JSON document (sorted keys; schema in docs/WHATIF.md) instead of text.")
    boolean json;

    @Option(names = "--drain", defaultValue = "1h", paramLabel = "DURATION",
            description = "How long stream time runs on after the last record so due timers fire (default: ${DEFAULT-VALUE}).")
    String drain;

    @Option(names = "--tick", paramLabel = "DURATION",
            description = "Clock step between records (default: the configuration's timers.interval).")
    String tick;

    @Option(names = "--progress", negatable = true,
            description = "Show a progress bar on stderr (default: only when the output is a terminal).")
    Boolean progress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            WhatIfRun.Options options = new WhatIfRun.Options(tick == null ? null : duration("--tick", tick),
                    duration("--drain", drain));
            Recording recording = Recording.read(input);
            WhatIfRun run = new WhatIfRun(options);
            RunResult a = run(run, config, recording);
            RunResult b = compare == null ? null : run(run, compare, recording);
            out.print(json ? JsonReport.render(recording, a, b)
                    : TextReport.render(recording, config.toString(), a, compare == null ? null : compare.toString(), b));
            out.flush();
            return 0;
        } catch (RecordJsonException e) {
            err.println("what-if: " + input + ": " + e.getMessage());
        } catch (ConfigSource.ConfigException | IllegalArgumentException e) {
            err.println("what-if: " + e.getMessage());
        } catch (IOException e) {
            err.println("what-if: cannot read " + e.getMessage());
        }
        err.flush();
        return 2;
    }

    /** One configuration's run; with a progress bar on stderr (stdout stays the report, e.g. for --json). */
    private RunResult run(WhatIfRun run, Path configuration, Recording recording) throws IOException {
        Map<String, String> settings = Settings.read(configuration);
        boolean show = progress != null ? progress : System.console() != null;
        if (!show) {
            return run.run(settings, recording);
        }
        PrintWriter err = spec.commandLine().getErr();
        ProgressBar bar = new ProgressBarBuilder().setTaskName(configuration.getFileName().toString())
                .setInitialMax(recording.lines().size()).setUnit(" records", 1).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new DelegatingProgressBarConsumer(line -> {
                    err.print("\r" + line);
                    err.flush();
                })).build();
        try (bar) {
            return run.run(settings, recording, bar::stepTo);
        } finally {
            err.println();
            err.flush();
        }
    }

    private static Duration duration(String option, String text) {
        try {
            return ConfigSource.parseDuration(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(option + " must be a duration such as 90s, 10m or 1h, got '" + text + "'");
        }
    }

    /** Runs the command with {@code args}; returns the exit code (for launchers that keep their JVM). */
    public static int execute(String... args) {
        return new CommandLine(new WhatIfCommand()).execute(args);
    }
}
