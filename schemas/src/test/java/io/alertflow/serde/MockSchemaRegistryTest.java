package io.alertflow.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Service;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MockSchemaRegistryTest {

    private static final String SCOPE = "mock-registry-test";

    private final MockSchemaRegistry registry = MockSchemaRegistry.forScope(SCOPE);

    @AfterEach
    void dropRegistry() {
        MockSchemaRegistry.drop(SCOPE);
    }

    @Test
    void shouldGiveTheSameSchemaTheSameIdAcrossSubjects() {
        int first = registry.register("alerts.raw-value", RawAlert.getClassSchema());
        int again = registry.register("alerts.raw-value", RawAlert.getClassSchema());
        int otherSubject = registry.register("alerts.replay-value", RawAlert.getClassSchema());
        int otherSchema = registry.register("services-value", Service.getClassSchema());

        assertEquals(first, again);
        assertEquals(first, otherSubject);
        assertNotEquals(first, otherSchema);
        assertEquals(RawAlert.getClassSchema(), registry.getById(first));
        assertEquals(1, registry.latest("alerts.raw-value").version());
    }

    @Test
    void shouldFindRegisteredSchemasAndReportTheLatestVersion() {
        int id = registry.register("services-value", Service.getClassSchema());

        assertEquals(id, registry.lookup("services-value", Service.getClassSchema()));
        SchemaVersion latest = registry.latest("services-value");
        assertEquals(new SchemaVersion("services-value", 1, id, Service.getClassSchema()), latest);
    }

    @Test
    void shouldNameWhatWasNotFound() {
        registry.register("services-value", Service.getClassSchema());

        assertTrue(assertThrows(SchemaNotFoundException.class, () -> registry.getById(77))
                .getMessage().contains("77"));
        assertTrue(assertThrows(SchemaNotFoundException.class, () -> registry.latest("nope-value"))
                .getMessage().contains("'nope-value'"));
        assertTrue(assertThrows(SchemaNotFoundException.class,
                () -> registry.lookup("services-value", RawAlert.getClassSchema()))
                .getMessage().contains("'services-value'"));
    }

    @Test
    void shouldRefuseARecordOfAnotherTypeUnderTheSameSubject() {
        registry.register("services-value", Service.getClassSchema());

        IncompatibleSchemaException error = assertThrows(IncompatibleSchemaException.class,
                () -> registry.register("services-value", RawAlert.getClassSchema()));

        assertTrue(error.getMessage().contains("'services-value'"), error.getMessage());
    }

    @Test
    void shouldShareOneRegistryPerScopeUntilDropped() {
        assertSame(registry, MockSchemaRegistry.forScope(SCOPE));
        assertSame(registry, SchemaRegistryClients.fromConfig(
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE)));
        registry.register("services-value", Service.getClassSchema());

        MockSchemaRegistry.drop(SCOPE);

        MockSchemaRegistry fresh = MockSchemaRegistry.forScope(SCOPE);
        assertNotSame(registry, fresh);
        assertThrows(SchemaNotFoundException.class, () -> fresh.latest("services-value"));
    }

    @Test
    void shouldRequireARegistryUrl() {
        ConfigException error = assertThrows(ConfigException.class, () -> SchemaRegistryClients.fromConfig(Map.of()));
        assertTrue(error.getMessage().contains(SerdeConfig.SCHEMA_REGISTRY_URL));
    }
}
