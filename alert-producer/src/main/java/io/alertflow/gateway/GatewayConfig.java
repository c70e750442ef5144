package io.alertflow.gateway;

import io.alertflow.alert.ValidationLimits;
import io.alertflow.avro.Severity;
import io.alertflow.config.ConfigSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Typed configuration of the ingestion gateway, read once from a {@link ConfigSource}; every key and
 * default is listed in {@link #defaults()} and documented in docs/GATEWAY.md.
 *
 * @param host address the HTTP server binds to
 * @param port HTTP port
 * @param maxBodyBytes largest accepted request body; larger bodies get 413
 * @param readTimeout how long the server waits for more bytes of a request before closing the connection
 * @param ioThreads Undertow I/O threads (non-blocking accept/parse)
 * @param workerThreads worker threads that read bodies, map records and wait for Kafka acknowledgements
 * @param authToken bearer token required on every endpoint except /health, /metrics and PagerDuty's; null = none
 * @param pagerDutyRoutingKeys routing keys accepted on the PagerDuty endpoints; empty = any
 * @param defaultSeverity severity of an alert without a recognised {@code severity} label
 * @param deliveryTimeout how long a request waits for Kafka to acknowledge its records before 503
 * @param linger producer linger (batching delay)
 * @param retryAfter value of the Retry-After header on 503
 * @param healthTimeout how long GET /health waits for the cluster to answer
 * @param topics topic names
 * @param validation validation limits shared with the stream
 * @param kafka settings for the Kafka producer and admin client (bootstrap, security, pass-through)
 * @param serde settings for the Avro serializer (schema.registry.url and its auth settings)
 * @param tls the HTTPS keystore; null = plain HTTP
 */
public record GatewayConfig(
        String host,
        int port,
        long maxBodyBytes,
        Duration readTimeout,
        int ioThreads,
        int workerThreads,
        String authToken,
        List<String> pagerDutyRoutingKeys,
        Severity defaultSeverity,
        Duration deliveryTimeout,
        Duration linger,
        Duration retryAfter,
        Duration healthTimeout,
        Topics topics,
        ValidationLimits validation,
        Map<String, Object> kafka,
        Map<String, Object> serde,
        Tls tls) {

    /**
     * Never prints secrets: the token, routing keys, and Kafka or registry settings that may carry
     * passwords (sasl.jaas.config, basic.auth.user.info) are left out or masked.
     */
    @Override
    public String toString() {
        return "GatewayConfig[host=" + host + ", port=" + port + ", maxBodyBytes=" + maxBodyBytes
                + ", readTimeout=" + readTimeout + ", authToken=" + (authToken == null ? "none" : "***")
                + ", pagerDutyRoutingKeys=" + pagerDutyRoutingKeys.size() + " configured"
                + ", defaultSeverity=" + defaultSeverity + ", deliveryTimeout=" + deliveryTimeout + ", linger=" + linger
                + ", topics=" + topics + ", kafka keys=" + kafka.keySet() + ", serde keys=" + serde.keySet()
                + ", tls=" + tls + "]";
    }

    public static final String HOST = "gateway.host";
    public static final String PORT = "gateway.port";
    public static final String MAX_BODY_BYTES = "gateway.max-body-bytes";
    public static final String READ_TIMEOUT = "gateway.read-timeout";
    public static final String IO_THREADS = "gateway.io-threads";
    public static final String WORKER_THREADS = "gateway.worker-threads";
    public static final String AUTH_TOKEN = "gateway.auth.token";
    public static final String PAGERDUTY_ROUTING_KEYS = "gateway.pagerduty.routing-keys";
    public static final String DEFAULT_SEVERITY = "gateway.default-severity";
    public static final String DELIVERY_TIMEOUT = "gateway.kafka.delivery-timeout";
    public static final String LINGER = "gateway.kafka.linger";
    public static final String RETRY_AFTER = "gateway.retry-after";
    public static final String HEALTH_TIMEOUT = "gateway.health.timeout";
    public static final String TLS_KEYSTORE = "gateway.tls.keystore";
    public static final String TLS_KEYSTORE_PASSWORD = "gateway.tls.keystore-password";
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String MAX_CLOCK_SKEW = "validation.max-clock-skew";
    public static final String MAX_AGE = "validation.max-age";
    public static final String MAX_LABELS = "validation.max-labels";
    public static final String MAX_NAME_LENGTH = "validation.max-name-length";
    public static final String MAX_LABEL_VALUE_LENGTH = "validation.max-label-value-length";
    public static final String MAX_ANNOTATION_VALUE_LENGTH = "validation.max-annotation-value-length";

    /** Registry client settings passed to the serializer besides the URL (Confluent's names). */
    private static final List<String> SERDE_KEYS = List.of("basic.auth.credentials.source", "basic.auth.user.info",
            "schema.registry.max.retries", "schema.registry.retry.backoff.ms", "schema.registry.request.timeout.ms");

    /** The documented default of every key. */
    public static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(HOST, "0.0.0.0");
        d.put(PORT, "8080");
        d.put(MAX_BODY_BYTES, String.valueOf(5 * 1024 * 1024));
        d.put(READ_TIMEOUT, "30s");
        d.put(IO_THREADS, "2");
        d.put(WORKER_THREADS, "64");
        d.put(AUTH_TOKEN, "");
        d.put(PAGERDUTY_ROUTING_KEYS, "");
        d.put(DEFAULT_SEVERITY, "WARNING");
        d.put(DELIVERY_TIMEOUT, "10s");
        d.put(LINGER, "0ms");
        d.put(RETRY_AFTER, "5s");
        d.put(HEALTH_TIMEOUT, "2s");
        d.put(TLS_KEYSTORE, "");
        d.put(TLS_KEYSTORE_PASSWORD, "");
        d.put(BOOTSTRAP_SERVERS, "localhost:9092");
        // Same default as the streams app (docs/CONFIGURATION.md): right for the embedded stack; a separate
        // gateway process must be given the real registry.
        d.put(SCHEMA_REGISTRY_URL, "mock://alertflow");
        Topics.DEFAULTS.forEach(d::put);
        ValidationLimits v = ValidationLimits.defaults();
        d.put(MAX_CLOCK_SKEW, v.maxClockSkew().toMinutes() + "m");
        d.put(MAX_AGE, v.maxAge().toDays() + "d");
        d.put(MAX_LABELS, String.valueOf(v.maxLabels()));
        d.put(MAX_NAME_LENGTH, String.valueOf(v.maxNameLength()));
        d.put(MAX_LABEL_VALUE_LENGTH, String.valueOf(v.maxLabelValueLength()));
        d.put(MAX_ANNOTATION_VALUE_LENGTH, String.valueOf(v.maxAnnotationValueLength()));
        return d;
    }

    /** Reads and checks every key; a bad value is a {@link ConfigSource.ConfigException} naming it. */
    public static GatewayConfig from(ConfigSource source) {
        Map<String, Object> kafka = new LinkedHashMap<>(source.kafkaPassThrough());
        kafka.put(BOOTSTRAP_SERVERS, source.string(BOOTSTRAP_SERVERS));
        Map<String, Object> serde = new LinkedHashMap<>();
        serde.put(SCHEMA_REGISTRY_URL, source.string(SCHEMA_REGISTRY_URL));
        for (String key : SERDE_KEYS) {
            String value = source.optional(key);
            if (value != null) {
                serde.put(key, value);
            }
        }
        return new GatewayConfig(
                source.string(HOST),
                positive(source, PORT, source.integer(PORT)),
                positive(source, MAX_BODY_BYTES, source.longValue(MAX_BODY_BYTES)),
                source.duration(READ_TIMEOUT),
                positive(source, IO_THREADS, source.integer(IO_THREADS)),
                positive(source, WORKER_THREADS, source.integer(WORKER_THREADS)),
                source.optional(AUTH_TOKEN),
                source.list(PAGERDUTY_ROUTING_KEYS),
                severity(source),
                source.duration(DELIVERY_TIMEOUT),
                source.duration(LINGER),
                source.duration(RETRY_AFTER),
                source.duration(HEALTH_TIMEOUT),
                Topics.from(source),
                new ValidationLimits(source.duration(MAX_CLOCK_SKEW), source.duration(MAX_AGE), source.integer(MAX_LABELS),
                        source.integer(MAX_NAME_LENGTH), source.integer(MAX_LABEL_VALUE_LENGTH), source.integer(MAX_ANNOTATION_VALUE_LENGTH)),
                Map.copyOf(kafka),
                Map.copyOf(serde),
                Tls.from(source));
    }

    /** A config of the defaults with the given overrides (tests, the embedded stack). */
    public static GatewayConfig of(Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>(defaults());
        values.putAll(overrides);
        return from(ConfigSource.of(values));
    }

    private static <N extends Number> N positive(ConfigSource source, String key, N value) {
        if (value.longValue() < 0 || (value.longValue() == 0 && !key.equals(PORT))) {
            throw new ConfigSource.ConfigException(key, "must be positive, got " + value);
        }
        return value;
    }

    private static Severity severity(ConfigSource source) {
        String text = source.string(DEFAULT_SEVERITY).toUpperCase(Locale.ROOT);
        try {
            Severity severity = Severity.valueOf(text);
            if (severity != Severity.UNKNOWN) {
                return severity;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ConfigSource.ConfigException(DEFAULT_SEVERITY, "must be CRITICAL, ERROR, WARNING or INFO, got '" + text + "'");
    }

    /**
     * The gateway's HTTPS identity: a PKCS12 keystore holding its private key and certificate chain. The
     * password is kept out of {@link #toString()} so a logged configuration cannot leak it.
     */
    public record Tls(Path keystore, String password) {

        /** Null when no keystore is configured; a keystore without a password is a configuration error. */
        static Tls from(ConfigSource source) {
            String keystore = source.optional(TLS_KEYSTORE);
            if (keystore == null || keystore.isBlank()) {
                return null;
            }
            String password = source.optional(TLS_KEYSTORE_PASSWORD);
            if (password == null || password.isEmpty()) {
                throw new ConfigSource.ConfigException(TLS_KEYSTORE_PASSWORD, "must be set when " + TLS_KEYSTORE + " is");
            }
            return new Tls(Path.of(keystore.trim()), password);
        }

        /** The server's TLS context from the keystore; an unreadable keystore or wrong password names the key. */
        public SSLContext sslContext() {
            try (InputStream in = Files.newInputStream(keystore)) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(in, password.toCharArray());
                KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, password.toCharArray());
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(keys.getKeyManagers(), null, null);
                return context;
            } catch (IOException | GeneralSecurityException e) {
                throw new ConfigSource.ConfigException(TLS_KEYSTORE, "cannot use the PKCS12 keystore " + keystore + ": " + e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "Tls[keystore=" + keystore + ", password=***]";
        }
    }

    /** The names of the topics the gateway writes to. */
    public record Topics(String alerts, String maintenanceWindows, String services, String changes, String incidentActions,
                         String metricSamples) {
        static final Map<String, String> DEFAULTS = Map.of(
                "topic.alerts.raw", "alerts.raw",
                "topic.maintenance.windows", "maintenance.windows",
                "topic.services", "services",
                "topic.changes", "changes",
                "topic.incident.actions", "incident.actions",
                "topic.metrics.samples", "metrics.samples");

        static Topics from(ConfigSource source) {
            return new Topics(source.string("topic.alerts.raw"), source.string("topic.maintenance.windows"),
                    source.string("topic.services"), source.string("topic.changes"), source.string("topic.incident.actions"),
                    source.string("topic.metrics.samples"));
        }

        /** The SPEC §2 default names. */
        public static Topics defaults() {
            return new Topics("alerts.raw", "maintenance.windows", "services", "changes", "incident.actions", "metrics.samples");
        }
    }
}
