package io.alertflow.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker in KRaft mode (combined broker and controller), started in-process
 * from the Kafka jars, for the embedded demo and {@code ./alertflow up}. Not for production: one node,
 * replication factor 1.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private final Path logDir;
    private final int port;
    private KafkaRaftServer server;

    private EmbeddedKafka(Path logDir, int port) {
        this.logDir = logDir;
        this.port = port;
    }

    /**
     * Formats the log directory (once: an existing one is reused, so data survives a restart) and starts
     * the broker on {@code 127.0.0.1:port} (0 picks a free port).
     */
    public static EmbeddedKafka start(Path logDir, int port) throws IOException {
        EmbeddedKafka kafka = new EmbeddedKafka(logDir, port == 0 ? freePort() : port);
        kafka.startup();
        return kafka;
    }

    /** The directory holding the broker's logs and metadata. */
    public Path logDir() {
        return logDir;
    }

    /** The bootstrap servers address. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    private void startup() throws IOException {
        Files.createDirectories(logDir);
        Path config = logDir.resolve("embedded-server.properties");
        Properties props = properties(controllerPort(config));
        try (var out = Files.newBufferedWriter(config)) {
            props.store(out, "Alertflow embedded KRaft node");
        }
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(config);
        }
        server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
        server.startup();
    }

    /**
     * The controller port of an existing log directory is kept: the KRaft quorum state names the voter's
     * endpoint, and a restarted node with a new port would wait for a voter that no longer exists.
     */
    private static int controllerPort(Path config) throws IOException {
        if (Files.exists(config)) {
            Properties previous = new Properties();
            try (var in = Files.newBufferedReader(config)) {
                previous.load(in);
            }
            String voters = previous.getProperty("controller.quorum.voters", "");
            int colon = voters.lastIndexOf(':');
            if (colon > 0) {
                int port = Integer.parseInt(voters.substring(colon + 1).trim());
                if (isFree(port)) {
                    return port;
                }
            }
        }
        return freePort();
    }

    /** Whether nothing listens on {@code 127.0.0.1:port}. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 0, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Properties properties(int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "3");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "3");
        p.put("auto.create.topics.enable", "false");
        return p;
    }

    private void format(Path config) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(),
            "-c", config.toString()}, new PrintStream(buffer, true, StandardCharsets.UTF_8));
        if (rc != 0) {
            throw new IllegalStateException("formatting the embedded Kafka log directory " + logDir + " failed: "
                    + buffer.toString(StandardCharsets.UTF_8));
        }
    }

    /** A free TCP port on the loopback interface. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
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
