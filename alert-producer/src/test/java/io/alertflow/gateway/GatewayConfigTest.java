package io.alertflow.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.avro.Severity;
import io.alertflow.config.ConfigSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GatewayConfigTest {

    @Test
    void shouldReadTheDocumentedDefaults() {
        GatewayConfig config = GatewayConfig.of(Map.of());
        assertEquals(8080, config.port());
        assertEquals(5L * 1024 * 1024, config.maxBodyBytes());
        assertNull(config.authToken(), "no token: authentication is off");
        assertEquals(List.of(), config.pagerDutyRoutingKeys());
        assertEquals(Severity.WARNING, config.defaultSeverity());
        assertEquals(Duration.ofSeconds(10), config.deliveryTimeout());
        assertEquals(GatewayConfig.Topics.defaults(), config.topics());
        assertEquals(io.alertflow.alert.ValidationLimits.defaults(), config.validation());
    }

    @Test
    void shouldDocumentEveryKeyWithItsDefault() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "GATEWAY.md"));
        GatewayConfig.defaults().forEach((key, value) -> {
            assertTrue(docs.contains("`" + key + "`"), "docs/GATEWAY.md lists " + key);
            if (!value.isEmpty()) {
                assertTrue(docs.contains("`" + value + "`"), "docs/GATEWAY.md gives the default of " + key + ": " + value);
            }
        });
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "gateway.port, eighty",
            "gateway.max-body-bytes, -1",
            "gateway.worker-threads, 0",
            "gateway.default-severity, URGENT",
            "gateway.kafka.delivery-timeout, soon",
            "validation.max-labels, many"})
    void shouldNameTheKeyOfABadValue(String key, String value) {
        ConfigSource.ConfigException e = assertThrows(ConfigSource.ConfigException.class, () -> GatewayConfig.of(Map.of(key, value)));
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }

    @Test
    void shouldPassKafkaSettingsAndRegistryAuthThrough() {
        GatewayConfig config = GatewayConfig.of(Map.of("kafka.security.protocol", "SASL_SSL", "basic.auth.user.info", "u:p",
                GatewayConfig.PAGERDUTY_ROUTING_KEYS, "a, b"));
        assertEquals("SASL_SSL", config.kafka().get("security.protocol"));
        assertEquals("localhost:9092", config.kafka().get("bootstrap.servers"));
        assertEquals("u:p", config.serde().get("basic.auth.user.info"));
        assertEquals(List.of("a", "b"), config.pagerDutyRoutingKeys());
    }

    @Test
    void shouldServePlainHttpUnlessAKeystoreIsConfigured() {
        assertNull(GatewayConfig.of(Map.of()).tls(), "no keystore: plain HTTP");
        GatewayConfig.Tls tls = GatewayConfig.of(Map.of(GatewayConfig.TLS_KEYSTORE, "/etc/gw.p12",
                GatewayConfig.TLS_KEYSTORE_PASSWORD, "ks-pass-123")).tls();
        assertEquals(Path.of("/etc/gw.p12"), tls.keystore());
        assertTrue(!tls.toString().contains("ks-pass-123"), "the keystore password stays out of toString: " + tls);
    }

    @Test
    void shouldRefuseAKeystoreWithoutPasswordAndNameAnUnreadableOne() {
        ConfigSource.ConfigException missing = assertThrows(ConfigSource.ConfigException.class,
                () -> GatewayConfig.of(Map.of(GatewayConfig.TLS_KEYSTORE, "/etc/gw.p12")));
        assertTrue(missing.getMessage().contains(GatewayConfig.TLS_KEYSTORE_PASSWORD), missing.getMessage());
        GatewayConfig.Tls absent = GatewayConfig.of(Map.of(GatewayConfig.TLS_KEYSTORE, "/nonexistent/gw.p12",
                GatewayConfig.TLS_KEYSTORE_PASSWORD, "ks-pass-123")).tls();
        ConfigSource.ConfigException unreadable = assertThrows(ConfigSource.ConfigException.class, absent::sslContext);
        assertTrue(unreadable.getMessage().contains(GatewayConfig.TLS_KEYSTORE) && !unreadable.getMessage().contains("ks-pass-123"),
                unreadable.getMessage());
    }

    @Test
    void toStringNeverPrintsSecrets() {
        GatewayConfig cfg = GatewayConfig.of(java.util.Map.of("gateway.auth.token", "s3cr3t-token",
                "gateway.pagerduty.routing-keys", "rk-secret-1", "kafka.sasl.jaas.config", "password=\"hunter2\";",
                "basic.auth.user.info", "user:registry-pass"));
        String text = cfg.toString();
        for (String secret : java.util.List.of("s3cr3t-token", "rk-secret-1", "hunter2", "registry-pass")) {
            org.junit.jupiter.api.Assertions.assertFalse(text.contains(secret), secret + " leaked: " + text);
        }
    }
}
