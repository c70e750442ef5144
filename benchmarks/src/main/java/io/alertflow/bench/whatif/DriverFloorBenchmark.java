package io.alertflow.bench.whatif;

import io.alertflow.bench.machine.Machine;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Benchmark harness (not a test): the ceiling {@link TopologyTestDriver} puts on any offline run, whatever the
 * topology does. Pipes byte-array records through topologies that do nothing (no serdes, no state): a source and
 * a sink; the same with a chain of pass-through processors; the same with as many source topics as Alertflow's
 * topology declares (the driver compiles a regular expression per source topic for every record it routes).
 *
 * <p>Run: {@code benchmarks/run whatif-floor [records]} (pinned to one core like {@code whatif}).
 */
public final class DriverFloorBenchmark {
    /** Source topics of Alertflow's topology, as the driver sees them (inputs, repartitions, feedback topics). */
    static final int ALERTFLOW_SOURCE_TOPICS = 19;

    private DriverFloorBenchmark() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        System.out.println(Machine.describe());
        for (int round = 1; round <= 2; round++) {
            measure("source → sink", topology(0, 1), n);
            measure("source → 20 processors → sink", topology(20, 1), n);
            measure("source → 20 processors → sink, " + ALERTFLOW_SOURCE_TOPICS + " source topics", topology(20, ALERTFLOW_SOURCE_TOPICS), n);
        }
    }

    private static Topology topology(int processors, int sourceTopics) {
        Topology topology = new Topology();
        topology.addSource("in", new ByteArrayDeserializer(), new ByteArrayDeserializer(), "in");
        for (int t = 1; t < sourceTopics; t++) {
            topology.addSource("other-" + t, new ByteArrayDeserializer(), new ByteArrayDeserializer(), "alertflow.other-" + t);
            topology.addProcessor("other-" + t + "-p", PassOn::new, "other-" + t);
        }
        String parent = "in";
        for (int p = 0; p < processors; p++) {
            topology.addProcessor("p" + p, PassOn::new, parent);
            parent = "p" + p;
        }
        topology.addSink("out", "out", new ByteArraySerializer(), new ByteArraySerializer(), parent);
        return topology;
    }

    private static void measure(String label, Topology topology, int n) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "floor");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "offline:9092");
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        byte[] key = "fingerprint-0123456789abcdef".getBytes();
        byte[] value = new byte[200];
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props)) {
            TestInputTopic<byte[], byte[]> in = driver.createInputTopic("in", new ByteArraySerializer(), new ByteArraySerializer());
            var out = driver.createOutputTopic("out", new ByteArrayDeserializer(), new ByteArrayDeserializer());
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                in.pipeInput(key, value, i);
                if ((i & 1023) == 0) {
                    out.readRecordsToList();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%-60s %,d records in %.2f s = %,.0f records/s (%.1f µs each)%n",
                    label, n, seconds, n / seconds, seconds * 1e6 / n);
        }
    }

    /** Forwards every record unchanged. */
    private static final class PassOn extends ContextualProcessor<byte[], byte[], byte[], byte[]> {
        @Override
        public void process(Record<byte[], byte[]> record) {
            context().forward(record);
        }
    }
}
