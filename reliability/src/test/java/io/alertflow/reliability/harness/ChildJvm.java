package io.alertflow.reliability.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A part of Alertflow (or the broker) running as its own JVM on the test class path, so that it can be
 * killed like a real process: {@link #kill()} is SIGKILL (no shutdown hook, no flush, no commit).
 */
public final class ChildJvm implements AutoCloseable {
    /** The child's log4j2 configuration: Alertflow at INFO (so the secret checks see the start-up lines), Kafka at WARN. */
    public static final String LOG_CONFIG = "child-log4j2.xml";
    /** Classes of log4j-core and of the SLF4J binding Kafka logs through. */
    static final List<String> LOG_BACK_END = List.of("org.apache.logging.log4j.core.LoggerContext",
            "org.apache.logging.slf4j.Log4jLoggerFactory");

    private final String name;
    private final Process process;
    private final Path logFile;
    /** Length of the log file when this process started: a restarted child appends to its predecessor's log. */
    private final int logStart;

    private ChildJvm(String name, Process process, Path logFile, int logStart) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.logStart = logStart;
    }

    /** Starts {@code mainClass} with {@code args}; stdout and stderr are appended to {@code logFile}. */
    public static ChildJvm start(String name, String mainClass, String[] args, Map<String, String> env, Path logFile) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.alertflow",
                "-Dlog4j2.configurationFile=" + LOG_CONFIG,
                "-cp", classPath(),
                mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().keySet().removeIf(k -> k.startsWith("ALERTFLOW_"));
        builder.environment().putAll(env);
        try {
            int logStart = Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8).length() : 0;
            return new ChildJvm(name, builder.start(), logFile, logStart);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    /**
     * The test class path, made to carry the logging back end: without log4j-core, log4j-api in the child prints
     * only its own "could not find a logging provider" line and Kafka's ERRORs (a 200,000-record run started
     * outside Maven had no child logs for this reason). Jars the test JVM loaded from elsewhere are added; when
     * the test JVM has none, starting a child fails at once instead of running blind.
     */
    static String classPath() {
        String path = System.getProperty("java.class.path");
        List<String> entries = new ArrayList<>(List.of(path.split(java.io.File.pathSeparator)));
        for (String backEnd : LOG_BACK_END) {
            String jar = locationOf(backEnd);
            if (!entries.contains(jar)) {
                entries.add(jar);
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static String locationOf(String className) {
        try {
            java.security.CodeSource source = Class.forName(className).getProtectionDomain().getCodeSource();
            if (source != null) {
                return Path.of(source.getLocation().toURI()).toString();
            }
        } catch (ClassNotFoundException | java.net.URISyntaxException e) {
            // reported below
        }
        throw new IllegalStateException("child JVMs would log nothing: " + className + " is not on the test class path; "
                + "run with the reliability module's test class path (it declares log4j-core and log4j-slf4j2-impl)");
    }

    /** SIGKILL, and wait until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    /** SIGTERM (shutdown hooks run), and wait until the process is gone. */
    public void stop() {
        process.destroy();
        if (!waitFor(Duration.ofSeconds(60))) {
            kill();
        }
    }

    /** Waits for the child to exit by itself; its exit code, or null when it is still running after {@code timeout}. */
    public Integer awaitExit(Duration timeout) {
        return waitFor(timeout) ? process.exitValue() : null;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    /** The child's output so far. */
    public String log() {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Waits until this process's output (not a predecessor's in the same file) contains {@code text}, failing with
     * its log when it dies or time runs out.
     */
    public void awaitLog(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String log = log();
            if (log.length() > logStart && log.substring(logStart).contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " before logging '" + text
                        + "':\n" + tail());
            }
            sleep(100);
        }
        throw new AssertionError(name + " did not log '" + text + "' within " + timeout + ":\n" + tail());
    }

    /** The last lines of the log, for failure messages. */
    public String tail() {
        String log = log();
        return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sleeps, turning an interrupt into a test failure. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    @Override
    public String toString() {
        return name + "(pid " + process.pid() + ")";
    }
}
