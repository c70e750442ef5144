package io.alertflow.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.alertflow.config.ConfigSource;
import io.alertflow.local.config.ConfigCatalog;
import io.alertflow.streams.config.AlertflowConfig;
import io.alertflow.streams.topics.Topic;
import io.alertflow.streams.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * There is no Docker engine here, so docker-compose.yml is checked by reading it: the services and their ports,
 * the start order, the topics with their cleanup policies, and that every ALERTFLOW_* variable it sets on an app
 * is a key that app really reads from the environment.
 */
class DockerComposeTest {
    static final Path ROOT = Path.of("..");
    static final Pattern CREATE = Pattern.compile("^\\s*create (\\S+) (\\d+) (delete|compact)\\s*$", Pattern.MULTILINE);
    static JsonNode compose;

    @BeforeAll
    static void read() throws IOException {
        compose = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker-compose.yml").toFile());
    }

    static JsonNode service(String name) {
        JsonNode s = compose.path("services").path(name);
        assertTrue(s.isObject(), "service " + name + " is missing");
        return s;
    }

    static Stream<Arguments> publishedPorts() {
        return Stream.of(
                Arguments.of("kafka", "9092:9092"),
                Arguments.of("schema-registry", "8085:8081"),
                Arguments.of("streams-app", "8081:8081"),
                Arguments.of("alert-producer", "8080:8080"),
                Arguments.of("prometheus", "9090:9090"),
                Arguments.of("grafana", "3000:3000"));
    }

    @ParameterizedTest(name = "{0} publishes {1}")
    @MethodSource("publishedPorts")
    void servicesPublishTheirPorts(String name, String port) {
        List<String> ports = new ArrayList<>();
        service(name).path("ports").forEach(p -> ports.add(p.asText()));
        assertTrue(ports.contains(port), name + " ports " + ports);
    }

    @Test
    void imagesAreTheOfficialOnesAndTheAppsAreBuiltFromTheirDockerfiles() {
        assertTrue(service("kafka").path("image").asText().startsWith("apache/kafka:"));
        assertTrue(service("schema-registry").path("image").asText().startsWith("confluentinc/cp-schema-registry:"));
        for (String app : List.of("streams-app", "alert-producer")) {
            String dockerfile = service(app).path("build").path("dockerfile").asText();
            assertEquals("docker/" + app + ".Dockerfile", dockerfile);
            assertTrue(Files.exists(ROOT.resolve(dockerfile)), dockerfile + " does not exist");
        }
    }

    @Test
    void kafkaRunsInKraftModeWithoutZookeeper() {
        JsonNode env = service("kafka").path("environment");
        assertEquals("broker,controller", env.path("KAFKA_PROCESS_ROLES").asText());
        assertTrue(env.path("KAFKA_CONTROLLER_QUORUM_VOTERS").asText().startsWith("1@kafka:"));
        assertTrue(compose.path("services").path("zookeeper").isMissingNode());
    }

    static Stream<Arguments> startOrder() {
        return Stream.of(
                Arguments.of("topics", "kafka", "service_healthy"),
                Arguments.of("schema-registry", "kafka", "service_healthy"),
                Arguments.of("streams-app", "topics", "service_completed_successfully"),
                Arguments.of("streams-app", "schema-registry", "service_healthy"),
                Arguments.of("alert-producer", "topics", "service_completed_successfully"),
                Arguments.of("alert-producer", "schema-registry", "service_healthy"),
                Arguments.of("prometheus", "streams-app", "service_healthy"),
                Arguments.of("grafana", "prometheus", "service_healthy"));
    }

    @ParameterizedTest(name = "{0} waits until {1} is {2}")
    @MethodSource("startOrder")
    void servicesStartInOrder(String name, String dependency, String condition) {
        assertEquals(condition, service(name).path("depends_on").path(dependency).path("condition").asText());
    }

    @Test
    void everyLongRunningServiceHasAHealthCheckThatOthersCanWaitFor() {
        for (String name : List.of("kafka", "schema-registry", "streams-app", "alert-producer", "prometheus", "grafana")) {
            assertTrue(service(name).path("healthcheck").path("test").isArray(), name + " has no health check");
        }
    }

    @Test
    void monitoringIsAnOptionalProfileAndScrapesBothApps() throws IOException {
        for (String name : List.of("prometheus", "grafana")) {
            assertEquals("monitoring", service(name).path("profiles").path(0).asText(), name);
        }
        String prometheus = Files.readString(ROOT.resolve("docker/prometheus/prometheus.yml"));
        assertTrue(prometheus.contains("streams-app:8081") && prometheus.contains("alert-producer:8080"), prometheus);
        assertTrue(Files.exists(ROOT.resolve("docker/grafana/dashboards/alertflow.json")));
        new ObjectMapper().readTree(ROOT.resolve("docker/grafana/dashboards/alertflow.json").toFile());
    }

    /** The topics service creates every topic the apps use, with the app's cleanup policy (SPEC §2). */
    @Test
    void theTopicsServiceCreatesEveryTopicWithItsCleanupPolicy() {
        String script = service("topics").path("command").path(0).asText();
        Map<String, String> created = new TreeMap<>();
        Matcher m = CREATE.matcher(script);
        while (m.find()) {
            created.put(m.group(1), m.group(3));
        }
        Map<String, String> expected = new TreeMap<>();
        for (Topic<?, ?> t : Topics.from(AlertflowConfig.of(Map.of())).all()) {
            expected.put(t.name(), t.compacted() ? "compact" : "delete");
        }
        assertEquals(expected, created);
    }

    static Stream<Arguments> apps() {
        return Stream.of(Arguments.of("streams-app", "streams"), Arguments.of("alert-producer", "gateway"));
    }

    /** ConfigSource applies ALERTFLOW_X only to a key X with a default in that app, or to kafka.* pass-through. */
    @ParameterizedTest(name = "{0}: every ALERTFLOW_* variable is a key the app reads")
    @MethodSource("apps")
    void everyEnvironmentVariableIsAKeyTheAppReads(String service, String app) {
        Set<String> known = new TreeSet<>();
        ConfigCatalog.envOverridable(app).forEach(key -> known.add(ConfigSource.envName(key)));
        Set<String> unknown = new TreeSet<>();
        service(service).path("environment").fieldNames().forEachRemaining(name -> {
            if (name.startsWith(ConfigSource.ENV_PREFIX) && !known.contains(name) && !name.startsWith(ConfigSource.ENV_PREFIX + "KAFKA_")) {
                unknown.add(name);
            }
        });
        assertEquals(Set.of(), unknown, service + " sets variables no key of the " + app + " app maps to");
        assertTrue(service(service).path("environment").has("ALERTFLOW_BOOTSTRAP_SERVERS"));
        assertEquals("http://schema-registry:8081", service(service).path("environment").path("ALERTFLOW_SCHEMA_REGISTRY_URL").asText());
    }

    @Test
    void theStreamsAppDoesNotCreateTopicsItselfInCompose() {
        assertEquals("false", service("streams-app").path("environment").path("ALERTFLOW_TOPICS_CREATE_MISSING").asText());
    }
}
