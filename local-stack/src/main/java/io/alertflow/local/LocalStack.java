package io.alertflow.local;

import io.alertflow.gateway.GatewayConfig;
import io.alertflow.gateway.GatewayServer;
import io.alertflow.local.config.ConfigCatalog;
import io.alertflow.serde.MockSchemaRegistry;
import io.alertflow.streams.StreamsMain;
import io.alertflow.streams.config.AlertflowConfig;
import io.alertflow.streams.topics.TopicProvisioner;
import io.alertflow.streams.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The whole of Alertflow in one JVM: a real single-node KRaft broker, the {@code mock://} schema registry,
 * every topic of SPEC §2, the streams app and the gateway; what {@code ./alertflow demo} and
 * {@code ./alertflow up} run. Closing it stops the parts in reverse order (gateway first, so nothing new
 * arrives while the stream commits) and, for an ephemeral stack, deletes its data.
 */
public final class LocalStack implements AutoCloseable {
    /** How long the streams app may take to reach RUNNING (first start formats RocksDB stores, joins the group). */
    static final Duration STREAMS_START_TIMEOUT = Duration.ofSeconds(90);

    private final Options options;
    private EmbeddedKafka kafka;
    private KafkaStreams streams;
    /** What closes the streams app: Kafka Streams alone, or with its HTTP API (StreamsMain.startWithApi). */
    private AutoCloseable streamsApp;
    private GatewayServer gateway;
    private boolean apiStarted;
    private RegistrySnapshot registry;
    private ScheduledExecutorService registrySaver;

    /**
     * How to run the stack.
     *
     * @param dataDir broker logs and stream state live here
     * @param ephemeral delete {@code dataDir} on close (the demo); {@code up} keeps it
     * @param kafkaPort broker port; 0 = any free port
     * @param gatewayHost address the gateway binds to
     * @param gatewayPort gateway port; 0 = any free port
     * @param speed time compression of the scenarios that will be played (1 = real time), see {@link TimeCompression}
     * @param partitions partitions of every topic
     * @param registryScope scope of the in-process {@code mock://} schema registry
     * @param apiPort port of the streams app's HTTP API; 0 = no API (the demo reads the topics instead)
     * @param streamsOverrides more streams settings (win over everything else)
     */
    public record Options(Path dataDir, boolean ephemeral, int kafkaPort, String gatewayHost, int gatewayPort, double speed,
                          int partitions, String registryScope, int apiPort, Map<String, String> streamsOverrides) {

        /** The demo: a temporary directory, free ports, loopback only, no query API. */
        public static Options demo(double speed) throws IOException {
            return new Options(Files.createTempDirectory("alertflow-demo-"), true, 0, "127.0.0.1", 0, speed, 3,
                    "alertflow-demo", 0, Map.of());
        }
    }

    private LocalStack(Options options) {
        this.options = options;
        // A malformed setting fails here, before a broker starts.
        AlertflowConfig.load(null, Map.of(), streamsSettings(options));
    }

    /**
     * Starts everything and returns once the streams app is RUNNING; {@code progress} hears one line per part.
     * A port in use fails before anything starts.
     */
    public static LocalStack start(Options options, Consumer<String> progress) throws IOException, InterruptedException {
        Preflight.requireFreePort(options.kafkaPort(), "the embedded Kafka broker", "--kafka-port");
        Preflight.requireFreePort(options.gatewayPort(), "the gateway", "--gateway-port");
        Preflight.requireFreePort(options.apiPort(), "the streams app's API", "--api-port");
        LocalStack stack = new LocalStack(options);
        try {
            stack.startParts(progress);
            return stack;
        } catch (IOException | InterruptedException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /** The streams settings of a local stack: the broker, the mock registry, local state, compressed time. */
    static Map<String, String> streamsSettings(Options options) {
        Map<String, String> s = new LinkedHashMap<>(TimeCompression.overrides(ConfigCatalog.defaultsOf("streams"), options.speed()));
        s.put("schema.registry.url", "mock://" + options.registryScope());
        s.put("state.dir", options.dataDir().resolve("streams-state").toString());
        s.put("topic.partitions", String.valueOf(options.partitions()));
        s.put("topic.replication-factor", "1");
        s.put("internal.replication.factor", "1");
        s.put("timers.mode", "wall-clock");
        // One instance in one JVM: after a restart, do not wait the default 45 s for the previous member to time out.
        s.put("kafka.session.timeout.ms", "6000");
        s.put("kafka.heartbeat.interval.ms", "1500");
        s.put("api.enabled", String.valueOf(options.apiPort() != 0));
        if (options.apiPort() != 0) {
            s.put("api.host", options.gatewayHost());
            s.put("api.port", String.valueOf(options.apiPort()));
            s.put("application.server", "localhost:" + options.apiPort());
        }
        s.putAll(options.streamsOverrides());
        return s;
    }

    private void startParts(Consumer<String> progress) throws IOException, InterruptedException {
        MockSchemaRegistry.drop(options.registryScope());
        if (!options.ephemeral()) {
            keepSchemas();
        }
        long t0 = System.nanoTime();
        kafka = EmbeddedKafka.start(options.dataDir().resolve("kafka"), options.kafkaPort());
        progress.accept("Kafka broker (KRaft, in-process) on " + kafka.bootstrapServers() + seconds(t0));
        AlertflowConfig cfg = config();
        Topics topics = Topics.from(cfg);
        List<String> created = TopicProvisioner.createMissing(cfg.streamsProperties(), topics.all(), options.partitions(), (short) 1);
        progress.accept((created.isEmpty() ? "topics already there" : "created " + created.size() + " topics")
                + " (" + options.partitions() + " partitions each, compacted where SPEC §2 says so)");
        long t1 = System.nanoTime();
        startStreams(cfg);
        awaitRunning();
        progress.accept("streams app RUNNING (application.id " + cfg.applicationId() + ")" + seconds(t1)
                + (apiRunning() ? ", API on " + apiUri() : ""));
        gateway = GatewayServer.start(GatewayConfig.of(gatewaySettings()));
        progress.accept("gateway on " + gatewayUri());
    }

    /**
     * Starts the streams app as StreamsMain does, with its HTTP API when the stack has an API port and the streams
     * app has {@code startWithApi} (looked up by reflection: the API is newer than this stack and optional).
     */
    private void startStreams(AlertflowConfig cfg) throws InterruptedException {
        if (options.apiPort() != 0) {
            try {
                Method withApi = StreamsMain.class.getMethod("startWithApi", AlertflowConfig.class);
                Object running = withApi.invoke(null, cfg);
                streamsApp = (AutoCloseable) running;
                streams = (KafkaStreams) running.getClass().getMethod("streams").invoke(running);
                apiStarted = running.getClass().getMethod("api").invoke(running) != null;
                return;
            } catch (NoSuchMethodException e) {
                // an older streams app without the API: Kafka Streams alone
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot start the streams app with its API", e);
            }
        }
        streams = StreamsMain.start(cfg);
        KafkaStreams started = streams;
        streamsApp = () -> started.close(Duration.ofSeconds(30));
    }

    /** Null while the streams app processes; else a sentence saying it stopped (its error is in the log). */
    public String streamsProblem() {
        KafkaStreams s = streams;
        if (s == null) {
            return "the streams app is not running";
        }
        KafkaStreams.State state = s.state();
        return state.isRunningOrRebalancing() ? null
                : "the streams app stopped (state " + state + "); the log above says why, and the results below are incomplete";
    }

    /** Whether the streams app's HTTP API is serving. */
    public boolean apiRunning() {
        return apiStarted;
    }

    /** The streams app's HTTP API, when {@link #apiRunning()}. */
    public URI apiUri() {
        return URI.create("http://127.0.0.1:" + options.apiPort());
    }

    /** The mock registry lives in memory; a kept stack keeps its schemas next to the data that refers to them. */
    private void keepSchemas() {
        registry = new RegistrySnapshot(options.registryScope(), options.dataDir().resolve("mock-registry-schemas.txt"));
        registry.restore();
        registrySaver = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "alertflow-registry-snapshot");
            t.setDaemon(true);
            return t;
        });
        registrySaver.scheduleWithFixedDelay(registry::save, 2, 2, TimeUnit.SECONDS);
    }

    private Map<String, String> gatewaySettings() {
        Map<String, String> g = new LinkedHashMap<>();
        g.put(GatewayConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        g.put(GatewayConfig.SCHEMA_REGISTRY_URL, "mock://" + options.registryScope());
        g.put(GatewayConfig.HOST, options.gatewayHost());
        g.put(GatewayConfig.PORT, String.valueOf(options.gatewayPort()));
        return g;
    }

    private void awaitRunning() throws InterruptedException {
        long deadline = System.nanoTime() + STREAMS_START_TIMEOUT.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.PENDING_ERROR
                    || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("the streams app stopped while starting (state " + streams.state()
                        + "); the log above says why");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the streams app did not reach RUNNING within " + STREAMS_START_TIMEOUT.toSeconds()
                        + " s (state " + streams.state() + ")");
            }
            Thread.sleep(100);
        }
    }

    /** The streams configuration the stack runs with (readers use its topic names and registry). */
    public AlertflowConfig config() {
        return AlertflowConfig.load(null, Map.of(), withBroker(streamsSettings(options)));
    }

    private Map<String, String> withBroker(Map<String, String> settings) {
        Map<String, String> s = new LinkedHashMap<>(settings);
        s.put("bootstrap.servers", kafka.bootstrapServers());
        return s;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public URI gatewayUri() {
        return gateway.uri();
    }

    /** The registry URL every client of this stack must use (in-process only). */
    public String registryUrl() {
        return "mock://" + options.registryScope();
    }

    public Options options() {
        return options;
    }

    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
        if (streamsApp != null) {
            try {
                streamsApp.close();
            } catch (Exception e) {
                throw new IllegalStateException("stopping the streams app failed", e);
            }
            streamsApp = null;
            streams = null;
        }
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (registrySaver != null) {
            registrySaver.shutdownNow();
            registry.save();
            registrySaver = null;
        }
        MockSchemaRegistry.drop(options.registryScope());
        if (options.ephemeral()) {
            deleteRecursively(options.dataDir());
        }
    }

    private static String seconds(long startNanos) {
        return String.format(" (%.1f s)", (System.nanoTime() - startNanos) / 1e9);
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
