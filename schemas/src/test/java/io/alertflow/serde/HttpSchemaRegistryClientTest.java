package io.alertflow.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertflow.avro.RawAlert;
import io.alertflow.serde.FakeRegistryServer.Answer;
import io.alertflow.serde.FakeRegistryServer.Request;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HttpSchemaRegistryClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema SCHEMA = RawAlert.getClassSchema();

    private FakeRegistryServer server;
    private FakeRegistryServer second;

    @AfterEach
    void stopServers() {
        if (server != null) {
            server.close();
        }
        if (second != null) {
            second.close();
        }
    }

    /** A registry that knows one schema, id 7, under subject alerts.raw-value (version 3). */
    private static Answer registry(Request request) {
        String path = request.path();
        if (path.equals("/subjects/alerts.raw-value/versions") && request.method().equals("POST")) {
            return new Answer(200, "{\"id\":7}");
        }
        if (path.equals("/schemas/ids/7")) {
            return new Answer(200, json(Map.of("schema", SCHEMA.toString())));
        }
        if (path.equals("/subjects/alerts.raw-value") || path.equals("/subjects/alerts.raw-value/versions/latest")) {
            return new Answer(200, json(Map.of("subject", "alerts.raw-value", "version", 3, "id", 7,
                    "schema", SCHEMA.toString())));
        }
        if (path.equals("/compatibility/subjects/alerts.raw-value/versions/latest")) {
            return new Answer(200, "{\"is_compatible\":true}");
        }
        return new Answer(404, "{\"error_code\":40401,\"message\":\"Subject not found.\"}");
    }

    @Test
    void shouldRegisterWithTheRegistryContentTypeAndTheSchemaAsAJsonString() throws Exception {
        server = new FakeRegistryServer(HttpSchemaRegistryClientTest::registry);
        HttpSchemaRegistryClient client = client(server.url());

        assertEquals(7, client.register("alerts.raw-value", SCHEMA));

        Request sent = server.requests.get(0);
        assertEquals("POST", sent.method());
        assertEquals("application/vnd.schemaregistry.v1+json", sent.contentType());
        assertEquals(SCHEMA, new Schema.Parser().parse(JSON.readTree(sent.body()).get("schema").asText()));
    }

    @Test
    void shouldAnswerRepeatedQuestionsFromItsCaches() throws Exception {
        server = new FakeRegistryServer(HttpSchemaRegistryClientTest::registry);
        HttpSchemaRegistryClient client = client(server.url());

        assertEquals(SCHEMA, client.getById(7));
        assertEquals(SCHEMA, client.getById(7));
        assertEquals(1, server.requests.size(), "second getById must not call the registry");

        client.register("alerts.raw-value", SCHEMA);
        client.register("alerts.raw-value", SCHEMA);
        client.lookup("alerts.raw-value", SCHEMA);
        assertEquals(2, server.requests.size(), "repeated register/lookup must not call the registry");
    }

    @Test
    void shouldNotAskAgainAtOnceForAnIdTheRegistryDoesNotHave() throws Exception {
        server = new FakeRegistryServer(HttpSchemaRegistryClientTest::registry);
        HttpSchemaRegistryClient client = client(server.url());

        SchemaNotFoundException first = assertThrows(SchemaNotFoundException.class, () -> client.getById(99));
        SchemaNotFoundException second = assertThrows(SchemaNotFoundException.class, () -> client.getById(99));

        assertEquals(first.getMessage(), second.getMessage());
        assertEquals(1, server.requests.size(), "a garbage payload stream must not cost one HTTP call per record");
    }

    @Test
    void shouldKnowTheSchemaOfAnIdItRegisteredWithoutAskingAgain() throws Exception {
        server = new FakeRegistryServer(HttpSchemaRegistryClientTest::registry);
        HttpSchemaRegistryClient client = client(server.url());

        client.register("alerts.raw-value", SCHEMA);
        assertEquals(SCHEMA, client.getById(7));

        assertEquals(1, server.requests.size());
    }

    @Test
    void shouldReadLatestVersionLookupAndCompatibility() throws Exception {
        server = new FakeRegistryServer(HttpSchemaRegistryClientTest::registry);
        HttpSchemaRegistryClient client = client(server.url());

        assertEquals(new SchemaVersion("alerts.raw-value", 3, 7, SCHEMA), client.latest("alerts.raw-value"));
        assertEquals(7, client.lookup("alerts.raw-value", SCHEMA));
        assertTrue(client.isCompatible("alerts.raw-value", SCHEMA));
        assertTrue(client.isCompatible("brand-new-value", SCHEMA), "a subject without versions accepts anything");
    }

    /** Registry answers and the exception each must become; every message names the subject or id. */
    static Stream<Arguments> registryErrors() {
        return Stream.of(
                Arguments.of("incompatible", 409, 409, IncompatibleSchemaException.class),
                Arguments.of("subject not found", 404, 40401, SchemaNotFoundException.class),
                Arguments.of("schema not found", 404, 40403, SchemaNotFoundException.class),
                Arguments.of("plain 404 without error code", 404, -1, SchemaNotFoundException.class),
                Arguments.of("invalid schema", 422, 42201, InvalidSchemaException.class),
                Arguments.of("unauthorized", 401, 40101, RegistryAccessDeniedException.class),
                Arguments.of("forbidden", 403, 40301, RegistryAccessDeniedException.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registryErrors")
    void shouldMapEvery4xxToAnExceptionCarryingTheRegistryMessage(String name, int status, int code,
                                                                  Class<? extends SchemaRegistryException> type)
            throws Exception {
        String body = code < 0 ? "" : json(Map.of("error_code", code, "message", "registry says " + name));
        server = new FakeRegistryServer(request -> new Answer(status, body));
        HttpSchemaRegistryClient client = client(server.url());

        SchemaRegistryException onRegister = assertThrows(SchemaRegistryException.class,
                () -> client.register("alerts.raw-value", SCHEMA));
        SchemaRegistryException onGet = assertThrows(SchemaRegistryException.class, () -> client.getById(42));

        assertInstanceOf(type, onRegister);
        assertTrue(onRegister.getMessage().contains("'alerts.raw-value'"), onRegister.getMessage());
        assertTrue(onGet.getMessage().contains("id 42"), onGet.getMessage());
        if (code > 0) {
            assertTrue(onRegister.getMessage().contains("registry says " + name), onRegister.getMessage());
            assertEquals(code, onRegister.errorCode());
        }
        assertEquals(status, onRegister.httpStatus());
        assertEquals(2, server.requests.size(), "a 4xx is final: no retry");
    }

    @Test
    void shouldRetryServerErrorsThenGiveUpWithRegistryUnavailable() throws Exception {
        server = new FakeRegistryServer(request -> new Answer(503, "{\"message\":\"warming up\"}"));
        HttpSchemaRegistryClient client = client(server.url());

        RegistryUnavailableException error = assertThrows(RegistryUnavailableException.class,
                () -> client.getById(7));

        assertEquals(3, server.requests.size(), "one try plus two retries");
        assertTrue(error.getMessage().contains("HTTP 503"), error.getMessage());
        assertTrue(error.getMessage().contains("schema id 7"), error.getMessage());
        assertEquals(503, error.httpStatus());
    }

    @Test
    void shouldRecoverWhenTheRegistryAnswersWithinTheRetries() throws Exception {
        server = new FakeRegistryServer(request -> new Answer(500, "oops"));
        server.answer(request -> server.requests.size() < 2 ? new Answer(500, "oops") : registry(request));
        HttpSchemaRegistryClient client = client(server.url());

        assertEquals(SCHEMA, client.getById(7));
        assertEquals(2, server.requests.size());
    }

    @Test
    void shouldGiveUpWithRegistryUnavailableWhenNothingListens() throws Exception {
        HttpSchemaRegistryClient client = client("http://127.0.0.1:" + freePort());

        RegistryUnavailableException error = assertThrows(RegistryUnavailableException.class,
                () -> client.register("alerts.raw-value", SCHEMA));

        assertTrue(error.getMessage().contains("'alerts.raw-value'"), error.getMessage());
        assertTrue(error.getMessage().contains("3 attempt"), error.getMessage());
    }

    @Test
    void shouldFailOverToTheNextUrlAndStayThere() throws Exception {
        server = new FakeRegistryServer(request -> new Answer(503, "down"));
        second = new FakeRegistryServer(HttpSchemaRegistryClientTest::registry);
        String dead = "http://127.0.0.1:" + freePort();
        HttpSchemaRegistryClient client = client(dead + "," + server.url() + ", " + second.url());

        assertEquals(SCHEMA, client.getById(7));
        client.latest("alerts.raw-value");

        assertEquals(1, server.requests.size(), "the failing URL is tried once, then skipped");
        assertEquals(2, second.requests.size());
    }

    @Test
    void shouldSendBasicAuthFromUserInfo() throws Exception {
        server = new FakeRegistryServer(HttpSchemaRegistryClientTest::registry);
        Map<String, Object> config = config(server.url());
        config.put(SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO");
        config.put(SerdeConfig.BASIC_AUTH_USER_INFO, "alertflow:s3cret");

        new HttpSchemaRegistryClient(config).getById(7);

        assertEquals(basic("alertflow:s3cret"), server.requests.get(0).authorization());
    }

    @Test
    void shouldSendBasicAuthFromTheUrlAndKeepItOutOfMessages() throws Exception {
        server = new FakeRegistryServer(request -> new Answer(409, "{\"error_code\":409,\"message\":\"no\"}"));
        String url = server.url().replace("http://", "http://bob:hunter2@");
        HttpSchemaRegistryClient client = client(url);

        SchemaRegistryException error = assertThrows(SchemaRegistryException.class,
                () -> client.register("alerts.raw-value", SCHEMA));

        assertEquals(basic("bob:hunter2"), server.requests.get(0).authorization());
        assertFalse(error.getMessage().contains("hunter2"), error.getMessage());
        assertFalse(client.urls().toString().contains("hunter2"));
    }

    @Test
    void shouldSendNoAuthorizationWhenNoneIsConfigured() throws Exception {
        server = new FakeRegistryServer(HttpSchemaRegistryClientTest::registry);
        client(server.url()).getById(7);
        assertEquals(null, server.requests.get(0).authorization());
    }

    @Test
    void shouldRejectBadConfiguration() {
        Map<String, Object> userInfoMissing = config("http://localhost:8081");
        userInfoMissing.put(SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO");
        Map<String, Object> unknownSource = config("http://localhost:8081");
        unknownSource.put(SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "SASL_INHERIT");

        assertThrows(ConfigException.class, () -> new HttpSchemaRegistryClient(userInfoMissing));
        assertThrows(ConfigException.class, () -> new HttpSchemaRegistryClient(unknownSource));
        assertThrows(ConfigException.class, () -> new HttpSchemaRegistryClient(config("ftp://registry")));
    }

    @Test
    void shouldShareOneClientPerUrlAndCredentials() {
        Map<String, Object> config = config("http://registry-a:8081");
        Map<String, Object> otherUser = config("http://registry-a:8081");
        otherUser.put(SerdeConfig.BASIC_AUTH_USER_INFO, "other:pw");

        assertSame(SchemaRegistryClients.fromConfig(config), SchemaRegistryClients.fromConfig(new HashMap<>(config)));
        assertNotSame(SchemaRegistryClients.fromConfig(config), SchemaRegistryClients.fromConfig(otherUser));
        assertInstanceOf(HttpSchemaRegistryClient.class, SchemaRegistryClients.fromConfig(config));
    }

    @Test
    void shouldServeASerdeWithOneSchemaFetchForManyRecords() throws Exception {
        server = new FakeRegistryServer(HttpSchemaRegistryClientTest::registry);
        Map<String, Object> config = config(server.url());
        ConfluentAvroSerde<RawAlert> writer = new ConfluentAvroSerde<>(RawAlert.class, config, false);
        ConfluentAvroSerde<RawAlert> reader = new ConfluentAvroSerde<>(RawAlert.class,
                new HttpSchemaRegistryClient(config));
        reader.configure(config, false);

        for (int i = 0; i < 50; i++) {
            byte[] bytes = writer.serializer().serialize("alerts.raw", io.alertflow.testing.SampleRecords.rawAlert());
            assertEquals(io.alertflow.testing.SampleRecords.rawAlert(),
                    reader.deserializer().deserialize("alerts.raw", bytes));
        }

        assertEquals(2, server.requests.size(), "one register, one fetch by id");
    }

    @Test
    void shouldSurfaceAnUnparseableSchemaAsARegistryError() throws Exception {
        server = new FakeRegistryServer(request -> new Answer(200, "{\"schema\":\"{\\\"type\\\":\\\"Nope\\\"}\"}"));
        SchemaRegistryException error = assertThrows(SchemaRegistryException.class,
                () -> client(server.url()).getById(5));
        assertTrue(error.getMessage().contains("schema id 5"), error.getMessage());
    }

    private static HttpSchemaRegistryClient client(String urls) {
        return new HttpSchemaRegistryClient(config(urls));
    }

    private static Map<String, Object> config(String urls) {
        Map<String, Object> config = new HashMap<>();
        config.put(SerdeConfig.SCHEMA_REGISTRY_URL, urls);
        config.put(SerdeConfig.REGISTRY_MAX_RETRIES, 2);
        config.put(SerdeConfig.REGISTRY_RETRY_BACKOFF_MS, 10);
        config.put(SerdeConfig.REGISTRY_REQUEST_TIMEOUT_MS, 2000);
        return config;
    }

    private static String basic(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(Map<String, ?> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
