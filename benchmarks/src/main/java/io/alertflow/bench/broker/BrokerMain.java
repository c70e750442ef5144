package io.alertflow.bench.broker;

import io.alertflow.local.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs one KRaft broker ({@link EmbeddedKafka}) in its own JVM for the benchmarks: argument 1 is the log
 * directory; the bootstrap address is written to {@code <dir>/bootstrap} once it serves. It stops when its
 * standard input closes, so a benchmark that dies never leaves a broker behind.
 */
public final class BrokerMain {
    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        Path ready = dir.resolve("bootstrap.tmp");
        Files.writeString(ready, kafka.bootstrapServers());
        Files.move(ready, dir.resolve("bootstrap"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        while (System.in.read() >= 0) {
            // the parent holds our stdin open for as long as it needs the broker
        }
        kafka.close();
        System.exit(0);
    }
}
