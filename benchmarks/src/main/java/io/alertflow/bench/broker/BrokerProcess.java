package io.alertflow.bench.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A single-node KRaft broker in a separate JVM with its state in a fresh directory. */
public final class BrokerProcess implements AutoCloseable {
    private final ChildJvm jvm;
    private final String bootstrapServers;

    private BrokerProcess(ChildJvm jvm, String bootstrapServers) {
        this.jvm = jvm;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts the broker under {@code dir} (1 GiB heap, G1 like kafka-server-start.sh) and waits until it serves. */
    public static BrokerProcess start(Path dir) throws Exception {
        Files.createDirectories(dir);
        ChildJvm jvm = ChildJvm.start(BrokerMain.class, List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20"),
                List.of(dir.toString()), dir.resolve("broker.log"));
        Path bootstrap = dir.resolve("bootstrap");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(bootstrap)) {
            if (!jvm.isAlive() || System.nanoTime() > deadline) {
                jvm.close();
                throw new IllegalStateException("the broker did not start; see " + dir.resolve("broker.log"));
            }
            Thread.sleep(100);
        }
        return new BrokerProcess(jvm, Files.readString(bootstrap).trim());
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public long pid() {
        return jvm.pid();
    }

    @Override
    public void close() throws Exception {
        jvm.close();
    }
}
