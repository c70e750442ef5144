package io.alertflow.reliability.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node KRaft broker (combined broker and controller) on fixed ports and a fixed log directory,
 * so it can be stopped and started again with its data, in this JVM or as a child JVM ({@link #main}).
 * Tuned for fast fail-over in tests: short minimum session timeout, timed-out transactions aborted within a
 * second. Optionally a second listener, SASL_PLAINTEXT with the PLAIN mechanism and one user.
 */
public final class TestBroker implements AutoCloseable {

    /** Where and how to run: ports are fixed so a restarted broker is found at the same address. */
    public record Layout(Path logDir, int port, int controllerPort, int saslPort, String saslUser, String saslPassword) {

        /** Free ports, no SASL listener. */
        public static Layout plain(Path logDir) {
            return new Layout(logDir, freePort(), freePort(), 0, null, null);
        }

        /** Free ports and a SASL_PLAINTEXT listener accepting {@code user}/{@code password}. */
        public static Layout withSasl(Path logDir, String user, String password) {
            return new Layout(logDir, freePort(), freePort(), freePort(), user, password);
        }

        public String bootstrapServers() {
            return "127.0.0.1:" + port;
        }

        public String saslBootstrapServers() {
            return "127.0.0.1:" + saslPort;
        }

        String[] args() {
            return new String[] {logDir.toString(), String.valueOf(port), String.valueOf(controllerPort)};
        }
    }

    private final Layout layout;
    private KafkaRaftServer server;

    private TestBroker(Layout layout) {
        this.layout = layout;
    }

    /** Formats the log directory when new, then starts the broker in this JVM. */
    public static TestBroker start(Layout layout) {
        TestBroker broker = new TestBroker(layout);
        broker.startup();
        return broker;
    }

    /** Starts the broker as a child JVM on the same layout (no SASL); the caller kills or stops it. */
    public static ChildJvm startChild(Layout layout, Path logFile) {
        return ChildJvm.start("broker", TestBroker.class.getName(), layout.args(), java.util.Map.of(), logFile);
    }

    /** Child-JVM entry point: {@code logDir port controllerPort}; runs until killed. */
    public static void main(String[] args) throws InterruptedException {
        Layout layout = new Layout(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]), 0, null, null);
        TestBroker broker = start(layout);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }));
        System.out.println("BROKER READY " + layout.bootstrapServers());
        stopped.await();
    }

    public String bootstrapServers() {
        return layout.bootstrapServers();
    }

    public Layout layout() {
        return layout;
    }

    private void startup() {
        try {
            Files.createDirectories(layout.logDir());
            Properties props = properties();
            if (!Files.exists(layout.logDir().resolve("meta.properties"))) {
                format(props);
            }
            server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
            server.startup();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the test broker in " + layout.logDir(), e);
        }
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + layout.controllerPort());
        String listeners = "PLAINTEXT://127.0.0.1:" + layout.port() + ",CONTROLLER://127.0.0.1:" + layout.controllerPort();
        String map = "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT";
        String advertised = "PLAINTEXT://127.0.0.1:" + layout.port();
        if (layout.saslPort() > 0) {
            listeners += ",SASL_PLAINTEXT://127.0.0.1:" + layout.saslPort();
            advertised += ",SASL_PLAINTEXT://127.0.0.1:" + layout.saslPort();
            map += ",SASL_PLAINTEXT:SASL_PLAINTEXT";
            p.put("sasl.enabled.mechanisms", "PLAIN");
            p.put("listener.name.sasl_plaintext.plain.sasl.jaas.config",
                    "org.apache.kafka.common.security.plain.PlainLoginModule required user_" + layout.saslUser()
                            + "=\"" + layout.saslPassword() + "\";");
        }
        p.put("listeners", listeners);
        p.put("advertised.listeners", advertised);
        p.put("listener.security.protocol.map", map);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", layout.logDir().toAbsolutePath().toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // A SIGKILLed instance leaves its group after session.timeout.ms and its open transaction after
        // transaction.timeout.ms; the defaults (45 s, checked every 10 s) would dominate every test.
        p.put("group.min.session.timeout.ms", "1000");
        p.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        return p;
    }

    private void format(Properties props) throws IOException {
        Path config = layout.logDir().resolve("format.properties");
        try (var out = Files.newBufferedWriter(config)) {
            props.store(out, "test broker");
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()},
                new PrintStream(buffer, true, StandardCharsets.UTF_8));
        if (rc != 0) {
            throw new IllegalStateException("formatting " + layout.logDir() + " failed: " + buffer.toString(StandardCharsets.UTF_8));
        }
    }

    /** A free TCP port on the loopback interface. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }
}
