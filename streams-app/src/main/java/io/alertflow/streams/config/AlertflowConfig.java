package io.alertflow.streams.config;

import io.alertflow.alert.ValidationLimits;
import io.alertflow.config.ConfigSource;
import io.alertflow.dlq.DeadLetterDeserializationHandler;
import io.alertflow.dlq.DeadLetterProcessingHandler;
import io.alertflow.dlq.DeadLetterProductionHandler;
import io.alertflow.streams.clock.TimerMode;
import io.alertflow.streams.clock.Timers;
import io.alertflow.streams.state.StateStores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The one typed configuration of the streams app: every key with its default and meaning is listed in
 * {@link #SETTINGS}, and {@link #streamsProperties()} is the one place where the Kafka defaults are set.
 *
 * <p>Adding a key is one line in {@link #SETTINGS}; read it with the typed getters ({@link #duration},
 * {@link #integer}, ...) or add a named getter next to the others.
 */
public final class AlertflowConfig {

    /** One documented configuration key. */
    public record Setting(String key, String defaultValue, String doc) {
    }

    /** Every key the streams app reads, with its default; {@code kafka.*} keys pass through to Kafka Streams. */
    public static final List<Setting> SETTINGS = List.of(
            new Setting("application.id", "alertflow", "Kafka Streams application id: consumer group, prefix of internal topics; instances with the same id share the work"),
            new Setting("bootstrap.servers", "localhost:9092", "Kafka brokers"),
            new Setting("schema.registry.url", "mock://alertflow", "Schema Registry URL(s), http(s)://user:pass@host:port or mock://scope for an in-process registry"),
            new Setting("processing.guarantee", "exactly_once_v2", "exactly_once_v2 or at_least_once"),
            new Setting("num.stream.threads", "1", "stream threads per instance"),
            new Setting("num.standby.replicas", "0", "warm copies of each state store on other instances (faster fail-over)"),
            new Setting("state.dir", "alertflow-state", "directory of the local RocksDB state; keep it out of /tmp"),
            new Setting("state.stores", "rocksdb", "rocksdb (key-value state on disk, survives restarts; window stores are in memory with every engine), in-memory (rebuilt from the changelogs at every start) or heap (objects, never serialized, requires state.changelogs=false; what-if uses it)"),
            new Setting("state.changelogs", "true", "whether state stores are backed by changelog topics; false only for offline runs (what-if): without them state is lost on any restart"),
            new Setting("commit.interval.ms", "100", "how often offsets and transactions commit; bounds end-to-end latency under EOS"),
            new Setting("internal.replication.factor", "-1", "replication factor of internal topics; -1 uses the broker default"),
            new Setting("timers.mode", "wall-clock", "wall-clock (live) or stream-time (replay): what drives stale alerts, window ends, escalation"),
            new Setting("timers.interval", "5s", "how often timers are checked; the worst-case lateness of a timer"),
            new Setting("alert.stale-after", "5m", "an active alert not refreshed for this long is resolved by the system (STALE), like Alertmanager's resolve_timeout"),
            new Setting("dedup.retention", "1h", "how long a resolved alert stays in the dedup store; a re-fire within it counts as a flap (keep it above reopen.window)"),
            new Setting("validation.max-clock-skew", "5m", "how far in the future startsAt may be, relative to receivedAt"),
            new Setting("validation.max-age", "30d", "how far in the past startsAt may be, relative to receivedAt"),
            new Setting("validation.max-labels", "64", "most labels (and most annotations) one alert may carry"),
            new Setting("validation.max-name-length", "256", "longest label or annotation name"),
            new Setting("validation.max-label-value-length", "4096", "longest label value"),
            new Setting("validation.max-annotation-value-length", "65536", "longest annotation value"),
            new Setting("topics.create-missing", "true", "whether StreamsMain creates missing topics at start (disable where topics are provisioned)"),
            new Setting("topic.partitions", "6", "partitions of topics StreamsMain creates"),
            new Setting("topic.replication-factor", "1", "replication factor of topics StreamsMain creates"),
            new Setting("topic.alerts.raw", "alerts.raw", "input: raw alerts"),
            new Setting("topic.maintenance.windows", "maintenance.windows", "input: maintenance windows (compacted)"),
            new Setting("topic.maintenance.windows.valid", "maintenance.windows.valid", "the valid maintenance windows every instance loads (compacted; written by the app)"),
            new Setting("topic.services", "services", "input: service catalogue (compacted)"),
            new Setting("topic.changes", "changes", "input: deploys and other changes"),
            new Setting("topic.incident.actions", "incident.actions", "input: acknowledge/resolve/... actions"),
            new Setting("topic.metrics.samples", "metrics.samples", "input: metric samples"),
            new Setting("topic.alerts.dlq", "alerts.dlq", "output: dead letters"),
            new Setting("topic.alerts.suppressed", "alerts.suppressed", "output: alerts held by maintenance windows"),
            new Setting("topic.anomalies", "anomalies", "output: anomalies"),
            new Setting("topic.incidents", "incidents", "output: incidents (compacted)"),
            new Setting("topic.incident.metrics", "incident.metrics", "output: TTD/TTA/TTR per resolved incident"),
            new Setting("topic.pages", "pages", "output: pages"),
            new Setting("topic.service.metrics", "service.metrics", "output: hourly metrics per service"),
            new Setting("topic.alerts.noise", "alerts.noise", "output: noise per alert rule"),
            new Setting("topic.alerts.synthetic", "alerts.synthetic", "synthetic alerts of the anomaly detectors, read back into validation (written by the app)"),
            new Setting("topic.incident.index", "incident.index", "incident index: incident id -> correlation key, fingerprint -> incident id (compacted; written by the app)"),
            new Setting("metrics.grace", "10m", "how late an event may arrive and still count in its service.metrics hour"),
            new Setting("noise.retention", "7d", "an alert rule not seen for this long leaves the noise store (and counts from zero if it returns)"),
            new Setting("explain.retention", "24h", "how long the decisions about an alert (GET /alerts/{fingerprint}/explain) are kept after its last state change"),
            new Setting("explain.max-decisions", "50", "most decisions kept per alert fingerprint; older ones are dropped and counted"),
            new Setting("api.enabled", "true", "whether StreamsMain serves the query and metrics HTTP API"),
            new Setting("api.host", "0.0.0.0", "address the HTTP API binds to"),
            new Setting("api.port", "8081", "port of the HTTP API (GET /incidents, /alerts/{fp}/explain, /metrics, /health, /ready)"),
            new Setting("application.server", "", "host:port other instances reach this instance's API at (Kafka Streams application.server); empty = localhost:<api.port>, which only works for one instance per host"),
            new Setting("api.forward-timeout", "5s", "how long a query forwarded to another instance may take before the API answers 503"));

    /** Every key: the spine's, the incident stage's and the anomaly detectors'. */
    public static final List<Setting> ALL_SETTINGS = allSettings();

    private static List<Setting> allSettings() {
        List<Setting> all = new java.util.ArrayList<>(SETTINGS);
        io.alertflow.incident.IncidentSettings.KEYS.forEach(k -> all.add(new Setting(k[0], k[1], k[2])));
        io.alertflow.anomaly.AnomalySettings.DEFAULTS.forEach((k, v) -> all.add(new Setting(k, v,
                io.alertflow.anomaly.AnomalySettings.describe(k))));
        return List.copyOf(all);
    }

    /** Key under which the DLQ topic name reaches the exception handlers through the Streams properties. */
    public static final String DLQ_TOPIC_PROPERTY = "alertflow.dlq.topic";

    private final ConfigSource source;

    private AlertflowConfig(ConfigSource source) {
        this.source = source;
    }

    /** The default of every key in {@link #SETTINGS}. */
    public static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        ALL_SETTINGS.forEach(s -> defaults.put(s.key(), s.defaultValue()));
        return defaults;
    }

    /** A configuration from a source built on {@link #defaults()}; malformed values fail here, at start. */
    public static AlertflowConfig from(ConfigSource source) {
        AlertflowConfig cfg = new AlertflowConfig(source);
        cfg.validate();
        return cfg;
    }

    /** Defaults, an optional properties file, {@code ALERTFLOW_*} environment variables and overrides. */
    public static AlertflowConfig load(Path file, Map<String, String> env, Map<String, String> overrides) {
        return from(ConfigSource.load(defaults(), file, env, overrides));
    }

    /** Defaults plus the given values (tests, what-if). */
    public static AlertflowConfig of(Map<String, String> overrides) {
        return from(ConfigSource.load(defaults(), null, Map.of(), overrides));
    }

    private void validate() {
        timers();
        stateStores();
        staleAfter();
        dedupRetention();
        validationLimits();
        io.alertflow.incident.IncidentSettings.from(source);
        io.alertflow.anomaly.AnomalySettings.fromConfig(source);
        duration("metrics.grace");
        duration("noise.retention");
        io.alertflow.explain.ExplainSettings.from(source);
        applicationServer();
        positive("api.forward-timeout");
    }

    /** Where other instances reach this one's API: {@code application.server}, else {@code localhost:<api.port>}. */
    public String applicationServer() {
        String configured = source.optional("application.server");
        String value = configured == null || configured.isBlank() ? "localhost:" + source.integer("api.port") : configured.trim();
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || !value.substring(colon + 1).matches("\\d{1,5}")) {
            throw new ConfigSource.ConfigException("application.server", "must be host:port, got '" + value + "'");
        }
        return value;
    }

    public String applicationId() {
        return source.string("application.id");
    }

    public String bootstrapServers() {
        return source.string("bootstrap.servers");
    }

    /** The timer mode and interval every punctuating stage uses. */
    public Timers timers() {
        return new Timers(TimerMode.parse(source.string("timers.mode")), source.duration("timers.interval"));
    }

    /** How every stage keeps its state stores. */
    public StateStores stateStores() {
        return StateStores.from(source);
    }

    public Duration staleAfter() {
        return positive("alert.stale-after");
    }

    public Duration dedupRetention() {
        return positive("dedup.retention");
    }

    public ValidationLimits validationLimits() {
        return new ValidationLimits(source.duration("validation.max-clock-skew"), source.duration("validation.max-age"),
                source.integer("validation.max-labels"), source.integer("validation.max-name-length"),
                source.integer("validation.max-label-value-length"), source.integer("validation.max-annotation-value-length"));
    }

    /** The name of a topic from its {@code topic.*} key, e.g. {@code topicName("alerts.raw")}. */
    public String topicName(String topic) {
        return source.string("topic." + topic);
    }

    public boolean createMissingTopics() {
        return source.bool("topics.create-missing");
    }

    public int topicPartitions() {
        return source.integer("topic.partitions");
    }

    public short topicReplicationFactor() {
        return (short) source.integer("topic.replication-factor");
    }

    /** Settings of the Avro serdes and the registry client: the URL plus any {@code schema.registry.*}/{@code basic.auth.*} keys. */
    public Map<String, Object> serdeConfig() {
        Map<String, Object> out = new LinkedHashMap<>();
        source.asMap().forEach((k, v) -> {
            if (k.startsWith("schema.registry.") || k.startsWith("basic.auth.") || k.equals("auto.register.schemas")
                    || k.equals("use.latest.version")) {
                out.put(k, v);
            }
        });
        return out;
    }

    /**
     * The Kafka Streams properties: the Kafka defaults of Alertflow, then the {@code kafka.*} pass-through keys,
     * which win.
     */
    public Properties streamsProperties() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, source.string("processing.guarantee"));
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, source.integer("num.stream.threads"));
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, source.integer("num.standby.replicas"));
        p.put(StreamsConfig.STATE_DIR_CONFIG, source.string("state.dir"));
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, source.longValue("commit.interval.ms"));
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, source.integer("internal.replication.factor"));
        // Instances find each other's API through the group metadata: a query for another instance's key is forwarded there.
        p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer());
        // No optimization: every internal topic and store is named and pinned by a test; "all" would reuse source
        // topics as changelogs and merge repartition topics, silently changing the state layout when a stage is added.
        p.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.NO_OPTIMIZATION);
        // Refuse to start when a store or internal topic has a generated name that a later change could shift.
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        // Nothing kills a stream thread: bad records become DeadLetter records on the DLQ (SPEC §3.1).
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class);
        // Kafka 4.3 cannot dead-letter from global threads; enabled, the handler at least keeps the global thread alive.
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG), true);
        // The handlers build DeadLetter records themselves; they read the DLQ topic and the serde settings from here.
        p.put(DLQ_TOPIC_PROPERTY, topicName("alerts.dlq"));
        p.putAll(serdeConfig());
        p.putAll(source.kafkaPassThrough());
        return p;
    }

    /** One line for the start-up log: the settings that matter, never a password. */
    public String summary() {
        return SETTINGS.stream()
                .filter(s -> !s.key().startsWith("topic.") || s.key().equals("topic.alerts.raw"))
                .map(s -> s.key() + "=" + redact(s.key(), source.optional(s.key())))
                .collect(Collectors.joining(", "));
    }

    static String redact(String key, String value) {
        if (value == null) {
            return "";
        }
        if (key.contains("password") || key.contains("user.info") || key.contains("jaas") || key.contains("secret")) {
            return "***";
        }
        // user:password@ in a registry URL
        return value.replaceAll("//[^/@]+@", "//***@");
    }

    /** The underlying source, for stages whose keys have no named getter yet. */
    public ConfigSource source() {
        return source;
    }

    public Duration duration(String key) {
        return source.duration(key);
    }

    public int integer(String key) {
        return source.integer(key);
    }

    public long longValue(String key) {
        return source.longValue(key);
    }

    public double decimal(String key) {
        return source.decimal(key);
    }

    public boolean bool(String key) {
        return source.bool(key);
    }

    public String string(String key) {
        return source.string(key);
    }

    public List<String> list(String key) {
        return source.list(key);
    }

    private Duration positive(String key) {
        Duration d = source.duration(key);
        if (d.isNegative() || d.isZero()) {
            throw new ConfigSource.ConfigException(key, "must be positive, got '" + source.string(key) + "'");
        }
        return d;
    }
}
