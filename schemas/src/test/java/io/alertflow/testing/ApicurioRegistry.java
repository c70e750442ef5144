package io.alertflow.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Confluent-compatible Schema Registry for integration tests: Apicurio Registry 3.3.3 (ccompat API,
 * in-memory storage, global BACKWARD rule) started as a child process on loopback. Start one per test
 * class ({@code @BeforeAll}) and close it in {@code @AfterAll}.
 */
public final class ApicurioRegistry implements AutoCloseable {

    /** System property (set by the schemas pom) with the folder the Apicurio tarball was unpacked into. */
    public static final String DIR_PROPERTY = "apicurio.dir";
    /** System property or environment variable naming a Java 21+ home to run Apicurio with. */
    public static final String JAVA_HOME_PROPERTY = "APICURIO_JAVA_HOME";
    private static final Path JVM_ROOT = Paths.get("/usr/lib/jvm");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final Path log;
    private final int port;
    /** Kills the registry if the test JVM ends without close(), so no orphan keeps its ports. */
    private final Thread killOnExit;

    private ApicurioRegistry(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.killOnExit = new Thread(process::destroyForcibly, "apicurio-kill-on-exit");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts Apicurio from the folder named by the {@value #DIR_PROPERTY} system property. */
    public static ApicurioRegistry start() {
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir == null) {
            throw new IllegalStateException("System property " + DIR_PROPERTY + " is not set: run the test through"
                    + " `mvn verify -pl schemas`, which unpacks io.apicurio:apicurio-registry-app:3.3.3:tar.gz:all");
        }
        return start(Paths.get(dir));
    }

    /** Starts Apicurio from {@code unpackedDir} (any folder holding its quarkus-run.jar) and waits until it answers. */
    public static ApicurioRegistry start(Path unpackedDir) {
        Path jar = quarkusRunJar(unpackedDir);
        Path java = javaHome().resolve("bin/java");
        int port = freePort();
        int managementPort = freePort();
        try {
            Path log = Files.createTempFile("apicurio-", ".log");
            Process process = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:+UseSerialGC",
                    "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                    "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=" + managementPort,
                    "-Dapicurio.rules.global.compatibility=BACKWARD", "-jar", jar.toString())
                    .directory(jar.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            ApicurioRegistry registry = new ApicurioRegistry(process, log, port);
            registry.awaitReady();
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Apicurio Registry from " + jar, e);
        }
    }

    /** The Confluent-compatible API base URL, to use as {@code schema.registry.url}. */
    public String url() {
        return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a leftover temp log file is harmless
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/subjects"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Apicurio Registry exited with " + process.exitValue()
                        + " before answering; its log ends with:\n" + logTail());
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("Interrupted while waiting for Apicurio Registry", e);
            }
            sleep(200);
        }
        String tail = logTail();
        close();
        throw new IllegalStateException("Apicurio Registry did not answer GET " + url() + "/subjects within "
                + STARTUP_TIMEOUT.toSeconds() + " s; its log ends with:\n" + tail);
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static Path quarkusRunJar(Path unpackedDir) {
        try (Stream<Path> files = Files.walk(unpackedDir, 4)) {
            return files.filter(p -> p.getFileName().toString().equals("quarkus-run.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No quarkus-run.jar under " + unpackedDir
                            + ": unpack io.apicurio:apicurio-registry-app:3.3.3:tar.gz:all there"
                            + " (mvn verify -pl schemas does it in pre-integration-test)"));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + unpackedDir + " (Apicurio Registry unpack folder): "
                    + e.getMessage() + "; run mvn verify -pl schemas, which unpacks it", e);
        }
    }

    /**
     * A Java 21+ home: {@value #JAVA_HOME_PROPERTY} (property or environment), else this JVM when new enough,
     * else the newest JDK under /usr/lib/jvm whose {@code release} file says 21 or later.
     */
    static Path javaHome() {
        String configured = Optional.ofNullable(System.getProperty(JAVA_HOME_PROPERTY))
                .orElse(System.getenv(JAVA_HOME_PROPERTY));
        if (configured != null && !configured.isBlank()) {
            Path home = Paths.get(configured);
            if (!Files.isExecutable(home.resolve("bin/java"))) {
                throw new IllegalStateException(JAVA_HOME_PROPERTY + "=" + configured + " has no bin/java");
            }
            return home;
        }
        if (Runtime.version().feature() >= 21) {
            return Paths.get(System.getProperty("java.home"));
        }
        return installedJdks().stream()
                .filter(jdk -> jdk.major() >= 21)
                .max(Comparator.comparingInt(Jdk::major))
                .map(Jdk::home)
                .orElseThrow(() -> new IllegalStateException("Apicurio Registry 3.3.3 needs Java 21 or newer, and"
                        + " none was found (this JVM is " + Runtime.version().feature() + ", none under " + JVM_ROOT
                        + "). Install one, e.g. `apt-get install openjdk-21-jdk-headless` or Temurin 25, or set "
                        + JAVA_HOME_PROPERTY + " to its home."));
    }

    private static List<Jdk> installedJdks() {
        List<Jdk> jdks = new ArrayList<>();
        if (!Files.isDirectory(JVM_ROOT)) {
            return jdks;
        }
        try (Stream<Path> homes = Files.list(JVM_ROOT)) {
            homes.filter(home -> Files.isRegularFile(home.resolve("release")))
                    .filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .forEach(home -> majorVersion(home).ifPresent(major -> jdks.add(new Jdk(home, major))));
        } catch (IOException e) {
            return jdks;
        }
        return jdks;
    }

    /** Reads JAVA_VERSION="25.0.3" (or "1.8.0_392") from a JDK's release file. */
    static Optional<Integer> majorVersion(Path home) {
        try (Stream<String> lines = Files.lines(home.resolve("release"))) {
            return lines.filter(line -> line.startsWith("JAVA_VERSION="))
                    .map(line -> line.substring("JAVA_VERSION=".length()).replace("\"", "").trim())
                    .map(version -> version.startsWith("1.") ? version.substring(2) : version)
                    .map(version -> version.split("[.+_-]")[0])
                    .filter(major -> major.matches("\\d+"))
                    .map(Integer::parseInt)
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Jdk(Path home, int major) {
    }
}
