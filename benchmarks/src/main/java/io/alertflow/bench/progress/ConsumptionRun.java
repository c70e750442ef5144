package io.alertflow.bench.progress;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

/**
 * Runs a Kafka Streams application over an input that is already written and measures its rate from the
 * first committed offset to the moment everything (input and internal topics) is committed: start-up and
 * rebalancing are outside the measured interval, the same way for every application compared.
 */
public final class ConsumptionRun {
    private ConsumptionRun() {
    }

    /** What one run measured. */
    public record Result(String name, long records, double seconds, double recordsPerSecond, double secondsFromStart,
                         String loadBefore, String loadAfter) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-28s %,10d records in %6.1f s = %,9.0f records/s (%.1f s incl. start-up; load %s -> %s)",
                    name, records, seconds, recordsPerSecond, secondsFromStart, loadBefore, loadAfter);
        }
    }

    /** Starts {@code topology}, waits until it has consumed {@code inputTopic} to its end, closes it and cleans its state. */
    public static Result run(String name, Topology topology, Properties props, String inputTopic, GroupLag lag, Duration timeout)
            throws Exception {
        String group = props.getProperty("application.id");
        Map<TopicPartition, Long> ends = lag.endOffsets(inputTopic);
        String loadBefore = io.alertflow.bench.machine.Machine.loadAverage();
        KafkaStreams streams = new KafkaStreams(topology, props);
        streams.setUncaughtExceptionHandler(e -> {
            System.err.println(name + ": stream thread failed: " + e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        long start = System.nanoTime();
        streams.start();
        try {
            GroupLag.Snapshot first = null;
            GroupLag.Snapshot last;
            long deadline = start + timeout.toNanos();
            while (true) {
                Thread.sleep(100);
                last = lag.snapshot(group, inputTopic, ends);
                if (first == null && last.inputCommitted() > 0) {
                    // a run so short that its first commit already covers everything is timed from start()
                    first = last.caughtUp() ? new GroupLag.Snapshot(start, 0, 0, 0, 0, 0) : last;
                }
                if (last.caughtUp() && first != null) {
                    break;
                }
                if (System.nanoTime() > deadline || streams.state() == KafkaStreams.State.ERROR
                        || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                    throw new IllegalStateException(name + " did not catch up (state " + streams.state() + ", last " + last + ")");
                }
            }
            long records = last.inputCommitted() - first.inputCommitted();
            double seconds = (last.nanos() - first.nanos()) / 1e9;
            return new Result(name, records, seconds, records / seconds, (last.nanos() - start) / 1e9, loadBefore,
                    io.alertflow.bench.machine.Machine.loadAverage());
        } finally {
            streams.close(Duration.ofSeconds(60));
            streams.cleanUp();
        }
    }
}
