package io.alertflow.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.alertflow.avro.NoiseReport;
import io.alertflow.avro.Tally;
import io.alertflow.avro.TallyKind;
import io.alertflow.serde.ConfluentAvroSerde;
import io.alertflow.streams.clock.TimerMode;
import io.alertflow.streams.clock.Timers;
import io.alertflow.streams.state.StateStores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NoiseProcessorTest {
    private static final Instant T0 = Instant.parse("2026-11-21T00:00:00Z");
    private static final Duration RETENTION = Duration.ofHours(10);

    @TempDir
    Path stateDir;

    static Stream<Arguments> sweepIntervals() {
        return Stream.of(
                Arguments.of("7 days: every 1/100 of the retention", Duration.ofDays(7), Duration.ofSeconds(5), Duration.ofSeconds(6048)),
                Arguments.of("10 hours: every 6 minutes", Duration.ofHours(10), Duration.ofSeconds(5), Duration.ofMinutes(6)),
                Arguments.of("short retention: never more often than the timer interval", Duration.ofMinutes(1),
                        Duration.ofSeconds(5), Duration.ofSeconds(5)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sweepIntervals")
    void theSweepRunsEveryHundredthOfTheRetentionButNotMoreOftenThanTheTimers(String name, Duration retention,
                                                                              Duration interval, Duration expected) {
        Timers sweeps = NoiseProcessor.sweeps(new Timers(TimerMode.STREAM_TIME, interval), retention);
        assertEquals(expected, sweeps.interval());
        assertEquals(TimerMode.STREAM_TIME, sweeps.mode());
    }

    @Test
    void aRuleNotUpdatedForTheRetentionLeavesTheStoreAndAnActiveOneStays() {
        Serde<Tally> tallies = new ConfluentAvroSerde<>(Tally.class,
                Map.of("schema.registry.url", "mock://noise-" + UUID.randomUUID()), false);
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(StateStores.defaults().keyValue(NoiseProcessor.STORE, Serdes.String(),
                new ConfluentAvroSerde<>(NoiseReport.class, Map.of("schema.registry.url", "mock://noise-store"), false)));
        builder.stream("tallies", Consumed.with(Serdes.String(), tallies).withName("tallies-source"))
                .process(() -> new NoiseProcessor(new Timers(TimerMode.STREAM_TIME, Duration.ofSeconds(5)), RETENTION),
                        Named.as("noise"), NoiseProcessor.STORE);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "noise-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "offline:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props, T0)) {
            TestInputTopic<String, Tally> in = driver.createInputTopic("tallies", Serdes.String().serializer(),
                    tallies.serializer());
            KeyValueStore<String, NoiseReport> store = driver.getKeyValueStore(NoiseProcessor.STORE);
            in.pipeInput("quiet", fired("Quiet", T0), T0);
            in.pipeInput("busy", fired("Busy", T0), T0);
            // The busy rule keeps firing every hour; the quiet one is never seen again.
            for (int hour = 1; hour <= 10; hour++) {
                Instant at = T0.plus(Duration.ofHours(hour));
                in.pipeInput("busy", fired("Busy", at), at);
            }
            assertNotNull(store.get("quiet"), "exactly at the retention the quiet rule is still kept");
            Instant after = T0.plus(RETENTION).plus(NoiseProcessor.sweeps(new Timers(TimerMode.STREAM_TIME,
                    Duration.ofSeconds(5)), RETENTION).interval()).plusSeconds(1);
            in.pipeInput("busy", fired("Busy", after), after);

            assertNull(store.get("quiet"), "one sweep after the retention the quiet rule is gone");
            assertEquals(12, store.get("busy").getFired());
            try (var all = store.all()) {
                assertEquals(java.util.List.of("busy"), java.util.stream.StreamSupport.stream(
                        java.util.Spliterators.spliteratorUnknownSize(all, 0), false).map(kv -> kv.key).toList());
            }
        }
    }

    private static Tally fired(String alertname, Instant at) {
        return Tally.newBuilder().setKind(TallyKind.FIRED).setService("checkout").setAlertname(alertname).setCount(1)
                .setFlap(false).setTtaMs(null).setTtrMs(null).setAt(at).build();
    }
}
