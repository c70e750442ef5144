package io.alertflow.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigSourceTest {
    private static final Map<String, String> DEFAULTS = Map.of("schema.registry.url", "mock://alertflow",
            "timers.mode", "wall-clock");

    static Stream<Arguments> environment() {
        return Stream.of(
                Arguments.of("a key with a default", "ALERTFLOW_TIMERS_MODE", "timers.mode", "stream-time"),
                Arguments.of("a defaulted registry key", "ALERTFLOW_SCHEMA_REGISTRY_URL", "schema.registry.url",
                        "http://registry:8081"),
                Arguments.of("a Kafka client setting", "ALERTFLOW_KAFKA_SASL_JAAS_CONFIG", "kafka.sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required;"),
                Arguments.of("registry credentials", "ALERTFLOW_BASIC_AUTH_USER_INFO", "basic.auth.user.info", "u:p"),
                Arguments.of("where registry credentials come from", "ALERTFLOW_BASIC_AUTH_CREDENTIALS_SOURCE",
                        "basic.auth.credentials.source", "USER_INFO"),
                Arguments.of("a registry client setting without a default", "ALERTFLOW_SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION",
                        "schema.registry.ssl.truststore.location", "/etc/alertflow/truststore.p12"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("environment")
    void anEnvironmentVariableSetsItsKey(String name, String variable, String key, String value) {
        ConfigSource source = ConfigSource.load(DEFAULTS, null, Map.of(variable, value), Map.of());
        assertEquals(value, source.asMap().get(key));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("environment")
    void anExplicitOverrideBeatsTheEnvironment(String name, String variable, String key, String value) {
        ConfigSource source = ConfigSource.load(DEFAULTS, null, Map.of(variable, value), Map.of(key, "override"));
        assertEquals("override", source.asMap().get(key));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unrelated")
    void variablesOutsideTheKnownFamiliesAddNoKey(String variable) {
        ConfigSource source = ConfigSource.load(DEFAULTS, null, Map.of(variable, "x"), Map.of());
        assertEquals(DEFAULTS, source.asMap());
        assertFalse(source.asMap().containsKey("kafka."), "a bare prefix is not a key");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("environment")
    void theReferenceDocumentNamesTheVariableOfEveryFamilyKey(String name, String variable, String key, String value) {
        assertEquals(variable, ConfigSource.envName(key));
        assertEquals(!DEFAULTS.containsKey(key) || key.startsWith("schema.registry."), ConfigSource.settableWithoutDefault(key));
    }

    static Stream<String> unrelated() {
        return Stream.of("ALERTFLOW_UNKNOWN_THING", "ALERTFLOW_KAFKA_", "KAFKA_SASL_JAAS_CONFIG", "PATH");
    }
}
