package io.alertflow.local;

import io.alertflow.avro.DeadLetter;
import io.alertflow.config.ConfigSource;
import io.alertflow.gateway.GatewayConfig;
import io.alertflow.gateway.GatewayMain;
import io.alertflow.local.demo.Demo;
import io.alertflow.local.dlq.DeadLetterTool;
import io.alertflow.simulator.SimulatorMain;
import io.alertflow.streams.StreamsMain;
import io.alertflow.streams.config.AlertflowConfig;
import io.alertflow.streams.topics.Topics;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/**
 * The main class behind {@code ./alertflow}: the embedded stack ({@code demo}, {@code up}) and each part alone
 * ({@code streams}, {@code gateway}, {@code simulate}, {@code replay}, and {@code export}/{@code what-if} once they
 * exist). Problems the user can fix end in one sentence and exit code 2, never a stack trace.
 */
@Command(name = "alertflow", mixinStandardHelpOptions = true, version = "Alertflow 0.1.0",
        description = "Alert ingestion and correlation on Kafka Streams.",
        subcommands = {Launcher.DemoCommand.class, Launcher.Up.class, Launcher.Simulate.class, Launcher.Replay.class,
            Launcher.Streams.class, Launcher.Gateway.class, Launcher.Dlq.class, Launcher.Export.class, Launcher.WhatIf.class})
public final class Launcher implements Runnable {
    /** Exit code of a problem the user can fix (bad flag, port in use, nothing reachable). */
    static final int USER_ERROR = 2;
    /**
     * The mains of {@code export} (alert-producer) and {@code what-if} (streams-app), looked up by name so that the
     * launcher builds and says "not built yet" while a module lacks them.
     */
    static final List<String> EXPORT_MAINS = List.of("io.alertflow.recording.ExportMain");
    static final List<String> WHAT_IF_MAINS = List.of("io.alertflow.whatif.WhatIfMain");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        configureLogging(args);
        int code = run(args);
        org.apache.logging.log4j.LogManager.shutdown();
        System.exit(code);
    }

    /** Runs a command line and returns its exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs a command line with the given output streams (tests) and returns its exit code. */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Launcher()).setOut(out).setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof StartupProblem || e instanceof ConfigSource.ConfigException || e instanceof IllegalArgumentException) {
                commandLine.getErr().println("alertflow: " + e.getMessage());
                return USER_ERROR;
            }
            throw e;
        });
        return cli.execute(args);
    }

    /**
     * The launcher's own log configuration (the app jars carry theirs too, and the first on the class path would
     * win): INFO for {@code streams}/{@code gateway}/{@code up}, WARN for the demo and the offline tools (what-if, export, dlq), whose output is the story.
     * {@code ALERTFLOW_LOG_LEVEL} overrides both. Log4j's shutdown hook is off: ours stops the stack first.
     */
    static void configureLogging(String[] args) {
        System.setProperty("log4j2.configurationFile", "alertflow-log4j2.xml");
        System.setProperty("log4j2.shutdownHookEnabled", "false");
        boolean quiet = args.length > 0 && List.of("demo", "simulate", "replay", "what-if", "export", "dlq").contains(args[0]);
        System.setProperty("alertflow.log.level", System.getenv().getOrDefault("ALERTFLOW_LOG_LEVEL", quiet ? "WARN" : "INFO"));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code ./alertflow demo}. */
    @Command(name = "demo", mixinStandardHelpOptions = true,
            description = "Runs everything in one JVM (KRaft broker, mock:// registry, streams app, gateway), plays simulated "
                    + "incidents through the gateway and prints what Alertflow made of them.")
    static final class DemoCommand implements Callable<Integer> {
        @Option(names = "--speed", defaultValue = "150",
                description = "Time compression: scenario minutes per real minute (default: ${DEFAULT-VALUE}).")
        double speed;

        @Option(names = "--scenario", split = ",", description = "Scenarios to play (default: payment-outage,nightly-batch,gradual-latency).")
        List<String> scenarios = new ArrayList<>(Demo.DEFAULT_SCENARIOS);

        @Override
        public Integer call() throws Exception {
            if (!(speed >= 1)) {
                throw new StartupProblem("--speed must be at least 1, got " + speed);
            }
            Demo demo = new Demo(System.out, speed, scenarios);
            AtomicBoolean finished = new AtomicBoolean();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (!finished.get()) {
                    System.out.println("\ninterrupted; stopping the embedded stack");
                    demo.abort();
                }
            }, "alertflow-demo-interrupt"));
            Demo.Result result = demo.run();
            finished.set(true);
            return result.exitCode();
        }
    }

    /** {@code ./alertflow up}. */
    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Starts the embedded stack and keeps it running until Ctrl-C; data stays in --data-dir.")
    static final class Up implements Callable<Integer> {
        @Option(names = "--data-dir", description = "Broker and state data (default: .alertflow in the repository).")
        Path dataDir;

        @Option(names = "--kafka-port", defaultValue = "9092", description = "Broker port (default: ${DEFAULT-VALUE}).")
        int kafkaPort;

        @Option(names = "--gateway-port", defaultValue = "8080", description = "Gateway port (default: ${DEFAULT-VALUE}).")
        int gatewayPort;

        @Option(names = "--api-port", defaultValue = "8081", description = "Port of the streams app's HTTP API (default: ${DEFAULT-VALUE}).")
        int apiPort;

        @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address the gateway binds to (default: ${DEFAULT-VALUE}).")
        String host;

        @Option(names = "--partitions", defaultValue = "3", description = "Partitions per topic when creating them (default: ${DEFAULT-VALUE}).")
        int partitions;

        @Option(names = "--speed", defaultValue = "1", description = "Compress the stream's time settings for scenarios played "
                + "with simulate --speed (default: ${DEFAULT-VALUE}, real time).")
        double speed;

        @Override
        public Integer call() throws Exception {
            Path data = dataDir != null ? dataDir : home().resolve(".alertflow");
            LocalStack.Options options = new LocalStack.Options(data, false, kafkaPort, host, gatewayPort, speed, partitions,
                    "alertflow", apiPort, Map.of());
            System.out.println("Starting Alertflow (data in " + data.toAbsolutePath() + ")…");
            AtomicReference<LocalStack> running = new AtomicReference<>();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                LocalStack stack = running.getAndSet(null);
                if (stack != null) {
                    System.out.println("\nstopping…");
                    stack.close();
                    System.out.println("stopped; data kept in " + data.toAbsolutePath());
                }
                stopped.countDown();
            }, "alertflow-up-shutdown"));
            running.set(LocalStack.start(options, line -> System.out.println("  " + line)));
            printEndpoints(running.get());
            stopped.await();
            return 0;
        }

        private static void printEndpoints(LocalStack stack) {
            System.out.println();
            System.out.println("Alertflow is up. Press Ctrl-C to stop.");
            System.out.println("  gateway          " + stack.gatewayUri() + "   (POST /api/v2/alerts, /v2/enqueue, /api/alerts, GET /health)");
            System.out.println(stack.apiRunning()
                    ? "  streams API      " + stack.apiUri() + "   (GET /incidents, /incidents/{id}, /alerts/{fingerprint}/explain, /metrics, /health, /ready)"
                    : "  streams API      not part of this build yet (SPEC §4)");
            System.out.println("  Kafka            " + stack.bootstrapServers());
            System.out.println("  schema registry  " + stack.registryUrl() + " (in-process; read topics through ./alertflow, not other tools)");
            System.out.println();
            int speed = (int) Math.max(1, stack.options().speed());
            System.out.println("Try: ./alertflow simulate --scenario payment-outage --speed " + speed + " --gateway " + stack.gatewayUri());
            if (speed == 1) {
                System.out.println("     (real time: the scenario takes 50 minutes; start with ./alertflow up --speed 60 and simulate "
                        + "--speed 60 to play it in under a minute)");
            }
        }
    }

    /** {@code ./alertflow simulate …}: the simulator CLI of alert-producer, after checking the gateway answers. */
    @Command(name = "simulate", description = "Plays a scenario through a running gateway (see simulate --help).")
    static final class Simulate implements Callable<Integer> {
        @Unmatched
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() {
            return delegateToSimulator("simulate", args);
        }
    }

    /** {@code ./alertflow replay FILE …}. */
    @Command(name = "replay", description = "Posts a recording (JSON Lines) to a running gateway (see replay --help).")
    static final class Replay implements Callable<Integer> {
        @Unmatched
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() {
            return delegateToSimulator("replay", args);
        }
    }

    static int delegateToSimulator(String command, List<String> args) {
        if (!wantsHelp(args)) {
            Preflight.requireGateway(gatewayOf(args));
        }
        List<String> all = new ArrayList<>();
        all.add(command);
        all.addAll(args);
        return SimulatorMain.run(all.toArray(String[]::new));
    }

    /** The {@code --gateway URL} / {@code --gateway=URL} argument, else the simulator's default. */
    static URI gatewayOf(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--gateway=")) {
                return URI.create(a.substring("--gateway=".length()));
            }
            if (a.equals("--gateway") && i + 1 < args.size()) {
                return URI.create(args.get(i + 1));
            }
        }
        return URI.create("http://localhost:8080");
    }

    private static boolean wantsHelp(List<String> args) {
        return args.contains("-h") || args.contains("--help") || args.contains("-V") || args.contains("--version");
    }

    /** {@code ./alertflow streams [CONFIG]}. */
    @Command(name = "streams", mixinStandardHelpOptions = true,
            description = "Runs the streams app alone against the Kafka and registry of the configuration "
                    + "(file, then ALERTFLOW_* environment variables; see docs/CONFIGURATION.md).")
    static final class Streams implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", description = "Properties file (default: $ALERTFLOW_CONFIG, else none).")
        Path config;

        @Override
        public Integer call() throws Exception {
            Path file = configFile(config);
            AlertflowConfig cfg = AlertflowConfig.load(file, System.getenv(), Map.of());
            Map<String, Object> client = new LinkedHashMap<>();
            cfg.streamsProperties().forEach((k, v) -> client.put(k.toString(), v));
            Preflight.requireKafka(adminSettings(client));
            StreamsMain.main(file == null ? new String[0] : new String[] {file.toString()});
            return 0;
        }
    }

    /** {@code ./alertflow gateway [CONFIG]}. */
    @Command(name = "gateway", mixinStandardHelpOptions = true,
            description = "Runs the ingestion gateway alone against the Kafka and registry of the configuration.")
    static final class Gateway implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", description = "Properties file (default: $ALERTFLOW_CONFIG, else none).")
        Path config;

        @Override
        public Integer call() throws Exception {
            Path file = configFile(config);
            GatewayConfig cfg = GatewayConfig.from(ConfigSource.load(GatewayConfig.defaults(), file, System.getenv(), Map.of()));
            Preflight.requireFreePort(cfg.port(), "the gateway", "gateway.port (ALERTFLOW_GATEWAY_PORT)");
            Preflight.requireKafka(adminSettings(cfg.kafka()));
            GatewayMain.main(file == null ? new String[0] : new String[] {file.toString()});
            return 0;
        }
    }

    /** {@code ./alertflow dlq}: lists dead letters and replays them to their source topics. */
    @Command(name = "dlq", mixinStandardHelpOptions = true,
            description = "Lists the dead letters of alerts.dlq (stage, origin, error) and, with --replay, sends their original "
                    + "bytes back to the topic they came from. Uses the streams app's configuration (Kafka, registry, topic names).")
    static final class Dlq implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", description = "Properties file (default: $ALERTFLOW_CONFIG, else none).")
        Path config;

        @Option(names = "--stage", description = "Only letters of this stage (deserialize, validate, maintenance-window, ...).")
        String stage;

        @Option(names = "--since", description = "Only letters written at or after this instant (e.g. 2026-01-01T00:00:00Z).")
        Instant since;

        @Option(names = "--replay", description = "Send the selected letters' original key and value to their source topic.")
        boolean replay;

        @Override
        public Integer call() throws Exception {
            AlertflowConfig cfg = AlertflowConfig.load(configFile(config), System.getenv(), Map.of());
            Map<String, Object> client = new LinkedHashMap<>();
            cfg.streamsProperties().forEach((k, v) -> client.put(k.toString(), v));
            Map<String, Object> admin = adminSettings(client);
            Preflight.requireKafka(admin);
            DeadLetterTool tool = new DeadLetterTool(admin,
                    Topics.from(cfg).alertsDlq());
            List<DeadLetter> letters = tool.read(DeadLetterTool.filter(stage, since));
            letters.forEach(l -> System.out.println(DeadLetterTool.describe(l)));
            System.out.println(letters.size() + " dead letters" + (stage == null ? "" : " of stage " + stage));
            if (replay) {
                System.out.println("replayed " + tool.replay(letters) + " to their source topics");
            }
            return 0;
        }
    }

    /** {@code ./alertflow export}: records input topics (alert-producer's recording CLI). */
    @Command(name = "export", description = "Records input topics to a JSON Lines file for replay and what-if (see export --help).")
    static final class Export implements Callable<Integer> {
        @Unmatched
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            return runFirstExisting("export", EXPORT_MAINS, args);
        }
    }

    /** {@code ./alertflow what-if}: runs the topology offline over a recording (the streams app's what-if CLI). */
    @Command(name = "what-if", description = "Runs the topology offline over a recording, optionally comparing two configurations (see what-if --help).")
    static final class WhatIf implements Callable<Integer> {
        @Unmatched
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            return runFirstExisting("what-if", WHAT_IF_MAINS, args);
        }
    }

    static int runFirstExisting(String command, List<String> candidates, List<String> args) throws Exception {
        for (String name : candidates) {
            Class<?> type;
            try {
                type = Class.forName(name);
            } catch (ClassNotFoundException e) {
                continue;
            }
            Method main = type.getMethod("main", String[].class);
            try {
                main.invoke(null, (Object) args.toArray(String[]::new));
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception ex ? ex : new IllegalStateException(e.getCause());
            }
            return 0;
        }
        throw new StartupProblem("'" + command + "' is not built yet in this version of Alertflow.");
    }

    /** Only what an admin client understands: the bootstrap servers and the security settings. */
    static Map<String, Object> adminSettings(Map<String, Object> clientSettings) {
        Map<String, Object> admin = new LinkedHashMap<>();
        clientSettings.forEach((k, v) -> {
            if (k.equals("bootstrap.servers") || k.startsWith("security.") || k.startsWith("sasl.") || k.startsWith("ssl.")
                    || k.equals("client.dns.lookup")) {
                admin.put(k, v);
            }
        });
        return admin;
    }

    private static Path configFile(Path given) {
        if (given != null) {
            return given;
        }
        String env = System.getenv("ALERTFLOW_CONFIG");
        return env == null || env.isBlank() ? null : Path.of(env);
    }

    /** The repository root the launcher script runs from (it passes -Dalertflow.home), else the working directory. */
    static Path home() {
        return Path.of(System.getProperty("alertflow.home", "."));
    }
}
