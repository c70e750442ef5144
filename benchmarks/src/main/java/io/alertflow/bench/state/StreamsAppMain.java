package io.alertflow.bench.state;

import io.alertflow.bench.pipeline.BenchConfig;
import io.alertflow.bench.registry.RegistryPrimer;
import io.alertflow.streams.AlertflowTopology;
import io.alertflow.streams.config.AlertflowConfig;
import io.alertflow.streams.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * The full Alertflow topology in its own JVM, for the state benchmark (which kills it): arguments are
 * bootstrap servers, state directory, run name, input topic and an events file, to which it appends
 * {@code <event> <epoch ms> [detail]} lines (optional 6th argument {@code latest}: start at the input's end): START, state changes, RESTORE_START/RESTORE_END per store
 * partition, RESTORED with the total. It stops cleanly when its standard input closes.
 */
public final class StreamsAppMain {
    private StreamsAppMain() {
    }

    public static void main(String[] args) throws Exception {
        Path events = Path.of(args[4]);
        event(events, "START", "");
        RegistryPrimer.prime(BenchConfig.REGISTRY.substring("mock://".length()));
        // an optional 6th argument "latest" starts a new group at the end of the input (end-to-end runs)
        Map<String, String> extra = args.length > 5 && args[5].equals("latest") ? Map.of("kafka.auto.offset.reset", "latest") : Map.of();
        AlertflowConfig cfg = BenchConfig.of(args[0], Path.of(args[1]), args[2], args[3], extra);
        KafkaStreams streams = new KafkaStreams(AlertflowTopology.build(cfg, Topics.from(cfg)), cfg.streamsProperties());
        AtomicLong restored = new AtomicLong();
        streams.setStateListener((now, before) -> event(events, now.name(), ""));
        streams.setGlobalStateRestoreListener(new StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition partition, String store, long start, long end) {
                event(events, "RESTORE_START", store + " " + partition + " " + (end - start));
            }

            @Override
            public void onBatchRestored(TopicPartition partition, String store, long batchEnd, long count) {
                restored.addAndGet(count);
            }

            @Override
            public void onRestoreEnd(TopicPartition partition, String store, long total) {
                event(events, "RESTORE_END", store + " " + partition + " " + total + " " + restored.get());
            }
        });
        streams.start();
        while (System.in.read() >= 0) {
            // the benchmark holds stdin open; it closes it to stop us, or kills us
        }
        streams.close(Duration.ofSeconds(60));
        event(events, "CLOSED", "");
        System.exit(0);
    }

    private static synchronized void event(Path file, String kind, String detail) {
        try {
            Files.writeString(file, kind + " " + System.currentTimeMillis() + " " + detail + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
