package io.alertflow.serde;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * Configuration keys of the Avro serdes and the registry client; names and defaults follow Confluent's serde.
 */
public final class SerdeConfig {

    /** Comma-separated registry URLs ({@code http(s)://…}, tried in order with failover) or {@code mock://SCOPE}. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /** {@code URL} (default: user-info of the registry URL) or {@code USER_INFO} (from {@link #BASIC_AUTH_USER_INFO}). */
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    /** {@code user:password} for HTTP basic authentication. */
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    /** Whether the serializer registers the record's schema under the subject (default true). */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    /** Whether the serializer writes with the subject's latest registered version instead (default false). */
    public static final String USE_LATEST_VERSION = "use.latest.version";
    /** How often a failed registry request (I/O error, 5xx, 429) is retried over all URLs (default 3). */
    public static final String REGISTRY_MAX_RETRIES = "schema.registry.max.retries";
    /** First back-off between retry rounds in ms, doubled every round up to 5 s (default 100). */
    public static final String REGISTRY_RETRY_BACKOFF_MS = "schema.registry.retry.backoff.ms";
    /** Connect and per-request timeout of one registry request in ms (default 10000). */
    public static final String REGISTRY_REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";

    public static final String CREDENTIALS_SOURCE_URL = "URL";
    public static final String CREDENTIALS_SOURCE_USER_INFO = "USER_INFO";

    static final boolean AUTO_REGISTER_SCHEMAS_DEFAULT = true;
    static final boolean USE_LATEST_VERSION_DEFAULT = false;
    static final int REGISTRY_MAX_RETRIES_DEFAULT = 3;
    static final long REGISTRY_RETRY_BACKOFF_MS_DEFAULT = 100;
    static final long REGISTRY_REQUEST_TIMEOUT_MS_DEFAULT = 10_000;

    private SerdeConfig() {
    }

    /** The TopicNameStrategy subject: {@code <topic>-key} or {@code <topic>-value}. */
    public static String subjectName(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }

    static String string(Map<String, ?> configs, String key, String defaultValue) {
        Object value = configs.get(key);
        if (value == null) {
            return defaultValue;
        }
        String text = value.toString().trim();
        return text.isEmpty() ? defaultValue : text;
    }

    static String required(Map<String, ?> configs, String key) {
        String value = string(configs, key, null);
        if (value == null) {
            throw new ConfigException("Missing required configuration '" + key
                    + "' (e.g. http://registry:8081, or mock://scope for an in-process registry)");
        }
        return value;
    }

    static boolean bool(Map<String, ?> configs, String key, boolean defaultValue) {
        Object value = configs.get(key);
        if (value instanceof Boolean b) {
            return b;
        }
        String text = string(configs, key, null);
        if (text == null) {
            return defaultValue;
        }
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new ConfigException(key, value, "expected true or false");
    }

    static long number(Map<String, ?> configs, String key, long defaultValue) {
        Object value = configs.get(key);
        String text = string(configs, key, null);
        if (text == null) {
            return defaultValue;
        }
        long parsed;
        try {
            parsed = value instanceof Number n ? n.longValue() : Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ConfigException(key, value, "expected a whole number");
        }
        if (parsed < 0) {
            throw new ConfigException(key, value, "must not be negative");
        }
        return parsed;
    }
}
