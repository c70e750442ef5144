package io.alertflow.whatif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link FastPipe} reaches into {@link TopologyTestDriver}'s private fields: this fails on a Kafka Streams upgrade that
 * changes them (what-if would silently fall back to the slow {@code pipeInput}), and shows that the fast way gives
 * exactly the results of {@code pipeInput}, whatever the commit interval.
 */
class FastPipeTest {
    private static final WhatIfRun.Options OPTIONS = new WhatIfRun.Options(null, Duration.ofHours(1));

    @Test
    void attachesToThisKafkaStreamsVersionsDriverAndKeepsOnlyTheOutputsAskedFor() {
        StreamsBuilder builder = new StreamsBuilder();
        var in = builder.stream("in");
        in.to("out");
        in.to("unread");
        // A second source, never piped: with task idling at its default (on), the task processes the record piped to
        // "in" only once it knows this partition has nothing waiting (its lag), which FastPipe must then ask for.
        builder.stream("idle").to("out");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "fast-pipe-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "offline:9092");
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            FastPipe pipe = FastPipe.attach(driver, 1, "out"::equals).orElseThrow(() -> new AssertionError("FastPipe did not attach"));
            pipe.pipe("in", 5, "k".getBytes(), "v".getBytes(), new RecordHeaders());
            pipe.flush();
            var out = driver.createOutputTopic("out", Serdes.String().deserializer(), Serdes.String().deserializer());
            assertEquals("v", out.readValue());
            assertTrue(out.isEmpty());
            assertEquals(Set.of("out"), driver.producedTopicNames(), "records nobody reads are not held");
        }
    }

    static Stream<Arguments> recordings() throws Exception {
        Path examples = ExamplesTest.EXAMPLES;
        return Stream.of(
                Arguments.of("payment outage, A", Settings.read(examples.resolve("whatif-a.properties")),
                        SampleRecordings.paymentOutage().build()),
                Arguments.of("payment outage, B", Settings.read(examples.resolve("whatif-b.properties")),
                        SampleRecordings.paymentOutage().build()),
                Arguments.of("alert-rate surge (synthetic alerts fed back)",
                        Map.of("anomaly.surge.warmup", "5m", "paging.min-priority", "P5"), SampleRecordings.slowQuerySurge().build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordings")
    void givesTheResultsOfPipeInputWhateverTheCommitInterval(String name, Map<String, String> settings, Recording recording) {
        RunResult slow = new WhatIfRun(OPTIONS, WhatIfRun.PIPE_INPUT).run(settings, recording);
        assertFalse(slow.incidents().isEmpty(), "the recording opens incidents");

        for (int commitEvery : new int[] {1, 7, FastPipe.COMMIT_EVERY}) {
            RunResult fast = new WhatIfRun(OPTIONS, commitEvery).run(settings, recording);
            assertEquals(slow.totals(), fast.totals(), "totals, committing every " + commitEvery);
            assertEquals(slow.incidents(), fast.incidents(), "incidents, committing every " + commitEvery);
        }
    }

    /**
     * What-if keeps state as shared objects on the heap ({@code HeapStore}); byte stores encode every value. The same
     * results either way, and under assertions every heap read checks that no processor changed a stored object
     * without putting it again.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("recordings")
    void heapStateGivesTheResultsOfByteStores(String name, Map<String, String> settings, Recording recording) {
        RunResult bytes = new WhatIfRun(OPTIONS, FastPipe.COMMIT_EVERY, "in-memory").run(settings, recording);
        RunResult heap = new WhatIfRun(OPTIONS).run(settings, recording);
        assertFalse(bytes.incidents().isEmpty(), "the recording opens incidents");
        assertEquals(bytes.totals(), heap.totals());
        assertEquals(bytes.incidents(), heap.incidents());
    }
}
