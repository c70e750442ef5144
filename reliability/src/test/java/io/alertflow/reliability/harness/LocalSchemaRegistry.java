package io.alertflow.reliability.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * A Confluent-API Schema Registry in the test JVM, shared by the child JVMs of a test (an in-process
 * {@code mock://} registry would give each JVM its own ids). It speaks the subset the Alertflow client uses
 * (register, get by id, lookup, latest, compatibility), can require HTTP basic auth, and can be made
 * unavailable (503, or not listening at all) to show that a registry outage is not bad input.
 */
public final class LocalSchemaRegistry implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SUBJECT_VERSIONS = Pattern.compile("/subjects/([^/]+)/versions");
    private static final Pattern SUBJECT_LATEST = Pattern.compile("/subjects/([^/]+)/versions/latest");
    private static final Pattern COMPATIBILITY = Pattern.compile("/compatibility/subjects/([^/]+)/versions/latest");
    private static final Pattern SUBJECT = Pattern.compile("/subjects/([^/]+)");
    private static final Pattern SCHEMA_ID = Pattern.compile("/schemas/ids/(\\d+)");

    private final Map<String, Integer> idsByCanonical = new ConcurrentHashMap<>();
    private final Map<Integer, String> schemasById = new ConcurrentHashMap<>();
    private final Map<String, List<Integer>> versionsBySubject = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final AtomicInteger requests = new AtomicInteger();
    private volatile String expectedAuthorization;
    private final int port;
    private volatile boolean unavailable;
    private HttpServer server;

    private LocalSchemaRegistry(int port, String userInfo) throws IOException {
        this.expectedAuthorization = authorization(userInfo);
        this.server = bind(port);
        this.port = server.getAddress().getPort();
    }

    /** A registry without authentication on a free port. */
    public static LocalSchemaRegistry start() {
        return start(null);
    }

    /** A registry that answers 401 unless the request carries basic auth {@code user:password}. */
    public static LocalSchemaRegistry start(String userInfo) {
        try {
            return new LocalSchemaRegistry(0, userInfo);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the local schema registry", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Requests answered so far (any status). */
    public int requests() {
        return requests.get();
    }

    /** From now on only {@code userInfo} is accepted (null: no authentication), as when credentials are rotated. */
    public void requireUserInfo(String userInfo) {
        this.expectedAuthorization = authorization(userInfo);
    }

    /** While true every request is answered 503, as a registry behind a load balancer with no healthy node. */
    public void unavailable(boolean value) {
        this.unavailable = value;
    }

    /** Stops listening: clients get "connection refused". */
    public synchronized void stopListening() {
        server.stop(0);
    }

    /** Listens again on the same port, with the same schemas. */
    public synchronized void listenAgain() {
        try {
            server = bind(port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on port " + port + " again", e);
        }
    }

    private static String authorization(String userInfo) {
        return userInfo == null ? null : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    private HttpServer bind(int onPort) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 50);
        s.createContext("/", this::handle);
        s.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "local-registry");
            t.setDaemon(true);
            return t;
        }));
        s.start();
        return s;
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (unavailable) {
                reply(exchange, 503, error(50003, "registry unavailable (test)"));
                return;
            }
            String expected = expectedAuthorization;
            if (expected != null && !expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                reply(exchange, 401, error(40101, "Unauthorized"));
                return;
            }
            answer(exchange, exchange.getRequestMethod(), exchange.getRequestURI().getPath(), body);
        } catch (RuntimeException e) {
            reply(exchange, 500, error(50001, String.valueOf(e.getMessage())));
        }
    }

    private void answer(HttpExchange exchange, String method, String path, String body) throws IOException {
        Matcher m;
        if (method.equals("GET") && (m = SCHEMA_ID.matcher(path)).matches()) {
            String schema = schemasById.get(Integer.parseInt(m.group(1)));
            reply(exchange, schema == null ? 404 : 200, schema == null ? error(40403, "Schema not found")
                    : JSON.createObjectNode().put("schema", schema));
        } else if (method.equals("POST") && (m = COMPATIBILITY.matcher(path)).matches()) {
            reply(exchange, 200, JSON.createObjectNode().put("is_compatible", true));
        } else if (method.equals("POST") && (m = SUBJECT_VERSIONS.matcher(path)).matches()) {
            int id = register(m.group(1), schemaOf(body));
            reply(exchange, 200, JSON.createObjectNode().put("id", id));
        } else if (method.equals("GET") && (m = SUBJECT_LATEST.matcher(path)).matches()) {
            List<Integer> versions = versionsBySubject.get(m.group(1));
            if (versions == null || versions.isEmpty()) {
                reply(exchange, 404, error(40401, "Subject not found"));
            } else {
                int id = versions.get(versions.size() - 1);
                reply(exchange, 200, version(m.group(1), versions.size(), id));
            }
        } else if (method.equals("POST") && (m = SUBJECT.matcher(path)).matches()) {
            String schema = schemaOf(body);
            Integer id = idsByCanonical.get(canonical(schema));
            List<Integer> versions = versionsBySubject.getOrDefault(m.group(1), List.of());
            if (id == null || !versions.contains(id)) {
                reply(exchange, 404, error(40403, "Schema not found"));
            } else {
                reply(exchange, 200, version(m.group(1), versions.indexOf(id) + 1, id));
            }
        } else {
            reply(exchange, 404, error(404, "not supported by the local registry: " + method + " " + path));
        }
    }

    private synchronized int register(String subject, String schema) {
        int id = idsByCanonical.computeIfAbsent(canonical(schema), c -> {
            int next = nextId.getAndIncrement();
            schemasById.put(next, schema);
            return next;
        });
        List<Integer> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!versions.contains(id)) {
            versions.add(id);
        }
        return id;
    }

    private ObjectNode version(String subject, int version, int id) {
        return JSON.createObjectNode().put("subject", subject).put("version", version).put("id", id)
                .put("schema", schemasById.get(id));
    }

    private static String schemaOf(String body) throws IOException {
        JsonNode json = JSON.readTree(body);
        return json.path("schema").asText();
    }

    private static String canonical(String schema) {
        return SchemaNormalization.toParsingForm(new Schema.Parser().parse(schema));
    }

    private static ObjectNode error(int code, String message) {
        return JSON.createObjectNode().put("error_code", code).put("message", message);
    }

    private static void reply(HttpExchange exchange, int status, JsonNode json) throws IOException {
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public synchronized void close() {
        server.stop(0);
    }
}
