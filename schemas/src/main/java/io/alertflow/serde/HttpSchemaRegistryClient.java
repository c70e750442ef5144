package io.alertflow.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;

/**
 * A Confluent Schema Registry REST client over {@code java.net.http}: several URLs with failover, basic auth,
 * TLS through the JDK's default SSLContext ({@code javax.net.ssl.*} properties), bounded retries with
 * exponential back-off, and caches in both directions so that serdes make no HTTP call per record.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT = "application/vnd.schemaregistry.v1+json,"
            + " application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final long MAX_BACKOFF_MS = 5_000;
    private static final long MISSING_ID_TTL_NANOS = Duration.ofSeconds(30).toNanos();
    private static final int MAX_MISSING_IDS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<RegistryEndpoint> endpoints;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final int maxRetries;
    private final long backoffMs;
    /** Index of the endpoint that answered last; requests start there so a dead first URL costs only once. */
    private volatile int preferred;

    private final ConcurrentMap<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    /**
     * Ids the registry said it does not have, remembered briefly: a stream of garbage payloads (which look like
     * random ids) must not cost one HTTP call each. Safe because a producer registers an id before using it.
     */
    private final ConcurrentMap<Integer, Missing> missingIds = new ConcurrentHashMap<>();
    private final ConcurrentMap<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();

    /** Builds a client from the {@link SerdeConfig} keys; prefer {@link SchemaRegistryClients#fromConfig}. */
    public HttpSchemaRegistryClient(Map<String, ?> configs) {
        this.endpoints = endpoints(configs);
        this.requestTimeout = Duration.ofMillis(SerdeConfig.number(configs, SerdeConfig.REGISTRY_REQUEST_TIMEOUT_MS,
                SerdeConfig.REGISTRY_REQUEST_TIMEOUT_MS_DEFAULT));
        this.maxRetries = (int) SerdeConfig.number(configs, SerdeConfig.REGISTRY_MAX_RETRIES,
                SerdeConfig.REGISTRY_MAX_RETRIES_DEFAULT);
        this.backoffMs = SerdeConfig.number(configs, SerdeConfig.REGISTRY_RETRY_BACKOFF_MS,
                SerdeConfig.REGISTRY_RETRY_BACKOFF_MS_DEFAULT);
        this.http = HttpClient.newBuilder()
                .connectTimeout(requestTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("POST", "/subjects/" + segment(subject) + "/versions", schemaBody(schema),
                "Registering a schema under subject '" + subject + "'");
        int id = requiredInt(answer, "id", "subject '" + subject + "'");
        remember(key, id);
        return id;
    }

    @Override
    public Schema getById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = fetchKnownId(id);
        Schema schema = parse(answer, "schema id " + id);
        Schema raced = schemasById.putIfAbsent(id, schema);
        return raced != null ? raced : schema;
    }

    @Override
    public int lookup(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("POST", "/subjects/" + segment(subject), schemaBody(schema),
                "Looking up a schema under subject '" + subject + "'");
        int id = requiredInt(answer, "id", "subject '" + subject + "'");
        remember(key, id);
        return id;
    }

    /** Not cached: the latest version is what changes; callers cache what they derive from it. */
    @Override
    public SchemaVersion latest(String subject) {
        JsonNode answer = send("GET", "/subjects/" + segment(subject) + "/versions/latest", null,
                "Fetching the latest version of subject '" + subject + "'");
        String what = "subject '" + subject + "'";
        int id = requiredInt(answer, "id", what);
        Schema schema = schemasById.computeIfAbsent(id, i -> parse(answer, what));
        return new SchemaVersion(subject, requiredInt(answer, "version", what), id, schema);
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        try {
            JsonNode answer = send("POST", "/compatibility/subjects/" + segment(subject) + "/versions/latest",
                    schemaBody(schema), "Checking compatibility with subject '" + subject + "'");
            return answer.path("is_compatible").asBoolean(false);
        } catch (SchemaNotFoundException noVersionsYet) {
            return true;
        }
    }

    private JsonNode fetchKnownId(int id) {
        Missing missing = missingIds.get(id);
        if (missing != null && System.nanoTime() - missing.retryAfterNanos() < 0) {
            throw new SchemaNotFoundException(missing.message(), 404, missing.errorCode());
        }
        try {
            return send("GET", "/schemas/ids/" + id, null, "Fetching schema id " + id);
        } catch (SchemaNotFoundException notFound) {
            if (missingIds.size() >= MAX_MISSING_IDS) {
                missingIds.clear();
            }
            missingIds.put(id, new Missing(System.nanoTime() + MISSING_ID_TTL_NANOS, notFound.getMessage(),
                    notFound.errorCode()));
            throw notFound;
        }
    }

    /** The registry base URLs, without credentials, in failover order. */
    public List<String> urls() {
        return endpoints.stream().map(RegistryEndpoint::toString).toList();
    }

    private void remember(SubjectSchema key, int id) {
        idsBySubjectSchema.putIfAbsent(key, id);
        // The registry may hold the same content with other formatting; our instance is equivalent for reading.
        schemasById.putIfAbsent(id, key.schema());
    }

    /** Sends one request with failover and retries; answers 2xx as JSON, maps every 4xx to an exception. */
    private JsonNode send(String method, String path, String body, String operation) {
        HttpResponse<String> response = exchange(method, path, body, operation);
        JsonNode json = readJson(response.body());
        if (response.statusCode() / 100 == 2) {
            return json;
        }
        throw RegistryErrors.fromResponse(operation, response.statusCode(), json, response.body(),
                response.uri().resolve("/").toString());
    }

    private HttpResponse<String> exchange(String method, String path, String body, String operation) {
        String lastProblem = "no attempt made";
        int lastStatus = -1;
        Exception lastError = null;
        for (int round = 0; round <= maxRetries; round++) {
            if (round > 0) {
                pause(round);
            }
            int start = preferred;
            for (int i = 0; i < endpoints.size(); i++) {
                int index = (start + i) % endpoints.size();
                RegistryEndpoint endpoint = endpoints.get(index);
                try {
                    HttpResponse<String> response = http.send(request(endpoint, method, path, body),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                    if (!retryable(response.statusCode())) {
                        preferred = index;
                        return response;
                    }
                    lastStatus = response.statusCode();
                    lastProblem = "HTTP " + lastStatus + " from " + endpoint + ": " + abbreviate(response.body());
                } catch (IOException e) {
                    lastError = e;
                    lastProblem = e.getClass().getSimpleName() + " talking to " + endpoint
                            + (e.getMessage() == null ? "" : ": " + e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RegistryUnavailableException(operation + " was interrupted", -1, e);
                }
            }
        }
        throw new RegistryUnavailableException(operation + " failed: no Schema Registry answered after "
                + (maxRetries + 1) + " attempt(s) on each of " + endpoints + "; last problem: " + lastProblem,
                lastStatus, lastError);
    }

    private HttpRequest request(RegistryEndpoint endpoint, String method, String path, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint.resolve(path))
                .timeout(requestTimeout)
                .header("Accept", ACCEPT);
        endpoint.authorization().ifPresent(value -> builder.header("Authorization", value));
        if (body == null) {
            return builder.GET().build();
        }
        return builder.header("Content-Type", CONTENT_TYPE)
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    private static boolean retryable(int status) {
        return status >= 500 || status == 429 || status == 408;
    }

    private void pause(int round) {
        long delay = Math.min(MAX_BACKOFF_MS, backoffMs << Math.min(round - 1, 20));
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("Interrupted while waiting to retry the Schema Registry", -1, e);
        }
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private static Schema parse(JsonNode answer, String what) {
        String text = answer.path("schema").asText(null);
        if (text == null) {
            throw new SchemaRegistryException("The Schema Registry's answer for " + what + " holds no schema");
        }
        try {
            return new Schema.Parser().parse(text);
        } catch (RuntimeException e) {
            // Avro 1.12 reports an unknown named type as a NullPointerException, not a SchemaParseException.
            throw new SchemaRegistryException("The Schema Registry returned a schema for " + what
                    + " that Avro cannot parse (schema references are not supported): " + e.getMessage());
        }
    }

    private static int requiredInt(JsonNode answer, String field, String what) {
        JsonNode value = answer.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new SchemaRegistryException("The Schema Registry's answer for " + what + " has no '" + field
                    + "': " + abbreviate(answer.toString()));
        }
        return value.asInt();
    }

    private static JsonNode readJson(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.createObjectNode();
        }
    }

    static String abbreviate(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ").trim();
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
    }

    /** Percent-encodes one path segment (a subject may contain characters such as '/' or ' '). */
    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static List<RegistryEndpoint> endpoints(Map<String, ?> configs) {
        String urls = SerdeConfig.required(configs, SerdeConfig.SCHEMA_REGISTRY_URL);
        boolean fromUserInfo = credentialsFromUserInfo(configs);
        Optional<String> userInfo = Optional.ofNullable(
                SerdeConfig.string(configs, SerdeConfig.BASIC_AUTH_USER_INFO, null));
        List<RegistryEndpoint> result = new ArrayList<>();
        for (String url : urls.split(",")) {
            if (!url.isBlank()) {
                result.add(fromUserInfo ? RegistryEndpoint.parse(url, userInfo, Optional.empty())
                        : RegistryEndpoint.parse(url, Optional.empty(), userInfo));
            }
        }
        if (result.isEmpty()) {
            throw new ConfigException(SerdeConfig.SCHEMA_REGISTRY_URL, urls, "no URL given");
        }
        return List.copyOf(result);
    }

    /**
     * USER_INFO takes {@code basic.auth.user.info}; URL (the default) takes each URL's user-info, and falls back
     * to {@code basic.auth.user.info} when a URL has none, since setting it alone is a common mistake.
     */
    private static boolean credentialsFromUserInfo(Map<String, ?> configs) {
        String source = SerdeConfig.string(configs, SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE,
                SerdeConfig.CREDENTIALS_SOURCE_URL).toUpperCase(java.util.Locale.ROOT);
        if (source.equals(SerdeConfig.CREDENTIALS_SOURCE_URL)) {
            return false;
        }
        if (!source.equals(SerdeConfig.CREDENTIALS_SOURCE_USER_INFO)) {
            throw new ConfigException(SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, source,
                    "supported values are URL and USER_INFO");
        }
        if (SerdeConfig.string(configs, SerdeConfig.BASIC_AUTH_USER_INFO, null) == null) {
            throw new ConfigException(SerdeConfig.BASIC_AUTH_USER_INFO + " must be set (user:password) when "
                    + SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE + " is USER_INFO");
        }
        return true;
    }

    private record SubjectSchema(String subject, Schema schema) {
    }

    private record Missing(long retryAfterNanos, String message, int errorCode) {
    }
}
