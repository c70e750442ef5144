package io.alertflow.reliability.harness;

import io.alertflow.gateway.GatewayMain;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The gateway ({@link GatewayMain}) as a child JVM with a properties file, on a fixed port so that a restarted
 * gateway is found at the same address; HTTPS when the settings name a keystore.
 */
public final class GatewayJvm implements AutoCloseable {
    private final String name;
    private final Path dir;
    private final Map<String, String> settings;
    private final HttpClient http;
    private ChildJvm jvm;

    private GatewayJvm(String name, Path dir, Map<String, String> settings, HttpClient http) {
        this.name = name;
        this.dir = dir;
        this.settings = settings;
        this.http = http;
    }

    /**
     * Writes {@code settings} (plus loopback host and a free port unless given) to {@code <dir>/<name>.properties}
     * and starts the gateway; its output goes to {@code <dir>/<name>.log}. {@code http} is used to probe it.
     */
    public static GatewayJvm start(String name, Path dir, Map<String, String> settings, HttpClient http) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("gateway.host", "127.0.0.1");
        s.put("gateway.port", String.valueOf(TestBroker.freePort()));
        s.putAll(settings);
        GatewayJvm gateway = new GatewayJvm(name, dir, s, http);
        gateway.launch();
        return gateway;
    }

    /** Starts the same gateway again (same port, same settings, same log file) after a kill. */
    public GatewayJvm restart() {
        jvm.close();
        launch();
        return this;
    }

    private void launch() {
        Path file = dir.resolve(name + ".properties");
        Properties props = new Properties();
        props.putAll(settings);
        try (Writer out = Files.newBufferedWriter(file)) {
            props.store(out, "gateway " + name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        jvm = ChildJvm.start(name, GatewayMain.class.getName(), new String[] {file.toString()}, Map.of(),
                dir.resolve(name + ".log"));
    }

    /** Waits until GET /health answers 200 (listening and Kafka reachable). */
    public GatewayJvm awaitHealthy(Duration timeout) {
        return await(timeout, true);
    }

    /** Waits until GET /health answers at all (the HTTP listener is up, whatever Kafka's state). */
    public GatewayJvm awaitListening(Duration timeout) {
        return await(timeout, false);
    }

    private GatewayJvm await(Duration timeout, boolean healthy) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            if (!jvm.isAlive()) {
                throw new AssertionError(name + " exited:\n" + jvm.tail());
            }
            try {
                last = http.send(HttpRequest.newBuilder(uri("/health")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (!healthy || last == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            ChildJvm.sleep(200);
        }
        throw new AssertionError(name + " did not become " + (healthy ? "healthy" : "reachable") + " (last /health "
                + last + ") within " + timeout + ":\n" + jvm.tail());
    }

    /** {@code http(s)://127.0.0.1:<port><path>}. */
    public URI uri(String path) {
        String scheme = settings.getOrDefault("gateway.tls.keystore", "").isBlank() ? "http" : "https";
        return URI.create(scheme + "://127.0.0.1:" + port() + path);
    }

    public int port() {
        return Integer.parseInt(settings.get("gateway.port"));
    }

    /** The running child JVM (replaced by {@link #restart()}). */
    public ChildJvm jvm() {
        return jvm;
    }

    /** SIGKILL. */
    public void kill() {
        jvm.kill();
    }

    @Override
    public void close() {
        if (jvm != null) {
            jvm.close();
        }
    }
}
