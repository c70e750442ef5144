package io.alertflow.serde;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the registry client a configuration names, shared per URL and credentials so that the many serdes
 * of an application share one cache and one HTTP connection pool.
 */
public final class SchemaRegistryClients {

    static final String MOCK_SCHEME = "mock://";

    private static final Map<List<Object>, SchemaRegistryClient> SHARED = new ConcurrentHashMap<>();

    private SchemaRegistryClients() {
    }

    /**
     * Whether {@code url} names an in-process registry ({@code mock://SCOPE}), which only serdes of the same JVM share:
     * what one process writes through it, no other process can read.
     */
    public static boolean inProcess(String url) {
        return url.startsWith(MOCK_SCHEME);
    }

    /** The {@link MockSchemaRegistry} for {@code mock://SCOPE}, else a shared {@link HttpSchemaRegistryClient}. */
    public static SchemaRegistryClient fromConfig(Map<String, ?> configs) {
        String url = SerdeConfig.required(configs, SerdeConfig.SCHEMA_REGISTRY_URL);
        if (inProcess(url)) {
            return MockSchemaRegistry.forScope(url.substring(MOCK_SCHEME.length()).split(",")[0].trim());
        }
        return SHARED.computeIfAbsent(cacheKey(configs), key -> new HttpSchemaRegistryClient(configs));
    }

    /** Everything that changes how the client talks to the registry; credentials stay in memory only. */
    private static List<Object> cacheKey(Map<String, ?> configs) {
        return List.of(
                String.valueOf(configs.get(SerdeConfig.SCHEMA_REGISTRY_URL)),
                String.valueOf(configs.get(SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE)),
                String.valueOf(configs.get(SerdeConfig.BASIC_AUTH_USER_INFO)),
                String.valueOf(configs.get(SerdeConfig.REGISTRY_MAX_RETRIES)),
                String.valueOf(configs.get(SerdeConfig.REGISTRY_RETRY_BACKOFF_MS)),
                String.valueOf(configs.get(SerdeConfig.REGISTRY_REQUEST_TIMEOUT_MS)));
    }
}
