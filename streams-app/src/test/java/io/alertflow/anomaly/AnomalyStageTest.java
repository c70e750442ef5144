package io.alertflow.anomaly;

import io.alertflow.streams.state.StateStores;
import io.alertflow.avro.AlertChange;
import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.Anomaly;
import io.alertflow.avro.AnomalyKind;
import io.alertflow.avro.ChangeType;
import io.alertflow.avro.DeadLetter;
import io.alertflow.avro.MetricSample;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Severity;
import io.alertflow.serde.ConfluentAvroSerde;
import io.alertflow.streams.clock.TimerMode;
import io.alertflow.config.ConfigSource;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Stream;

import static io.alertflow.anomaly.Scenarios.HOUR;
import static io.alertflow.anomaly.Scenarios.MINUTE;
import static io.alertflow.anomaly.Scenarios.SECOND;
import static io.alertflow.anomaly.Scenarios.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The anomaly stage on a TopologyTestDriver: source topics, the stage, sinks; explicit timestamps and clocks. */
class AnomalyStageTest {
    static final String CHANGES = "alert.changes";
    static final String SAMPLES = "metrics.samples";
    static final String ANOMALIES = "anomalies";
    static final String SYNTHETIC = "alerts.synthetic";
    static final String DLQ = "alerts.dlq";
    static final String SERIES = "p99-checkout";

    private static final Map<String, Object> REGISTRY = Map.of("schema.registry.url", "mock://anomaly-stage-test");

    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, AlertChange> changes;
    private TestInputTopic<String, MetricSample> samples;
    private TestOutputTopic<String, Anomaly> anomalies;
    private TestOutputTopic<String, RawAlert> synthetic;
    private TestOutputTopic<String, DeadLetter> deadLetters;

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    /** Done when: a p99 rising 1 %/min from 200 ms raises an anomaly, and a synthetic alert, 15+ min before 400 ms. */
    @Test
    void gradualLatencyRiseRaisesAnAnomalyAndAFiringSyntheticAlertLongBefore400ms() {
        start(AnomalySettings.defaults(), TimerMode.STREAM_TIME);
        pipeSamples(Scenarios.risingLatency(5, 70 * MINUTE));

        List<TestRecord<String, Anomaly>> out = anomalies.readRecordsToList();
        assertEquals(1, out.size(), "one anomaly for one steady rise: " + out);
        TestRecord<String, Anomaly> raised = out.get(0);
        assertEquals("checkout", raised.key());
        assertEquals(AnomalyKind.METRIC_RATE_OF_CHANGE, raised.value().getKind());
        assertEquals(SERIES, raised.value().getSeries());
        assertFalse(raised.value().getCleared());
        long deadline = Scenarios.risingLatencyReaches(400) - 15 * MINUTE;
        assertTrue(raised.timestamp() <= deadline, "raised at +" + (raised.timestamp() - T0) / MINUTE + " min");

        TestRecord<String, RawAlert> alert = synthetic.readRecord();
        assertEquals(alert.value().getFingerprint(), alert.key());
        assertEquals(AlertStatus.FIRING, alert.value().getStatus());
        assertEquals(Map.of("alertname", "METRIC_RATE_OF_CHANGE", "service", "checkout", "series", SERIES),
                alert.value().getLabels());
        assertTrue(deadLetters.isEmpty());
    }

    /**
     * Samples a producer left unkeyed would be spread over partitions by Kafka: they are keyed by series and go
     * through the repartition topic (the driver has one partition, so what shows is the route and the same result).
     */
    @ParameterizedTest(name = "key {0}")
    @ValueSource(strings = {"", "  ", SERIES})
    void unkeyedSamplesMoveToTheirSeriesAndStillRaiseTheRise(String key) {
        start(AnomalySettings.defaults(), TimerMode.STREAM_TIME);
        for (Point p : Scenarios.risingLatency(5, 70 * MINUTE)) {
            samples.pipeInput(key.isEmpty() ? null : key, sample(SERIES, "checkout", p.at(), p.value()), p.at());
        }
        String repartition = "anomaly-stage-test-" + AnomalyStage.METRIC_REPARTITION + "-repartition";
        assertEquals(key.isBlank(), driver.producedTopicNames().contains(repartition), driver.producedTopicNames().toString());
        List<Anomaly> out = anomalies.readValuesToList();
        assertEquals(1, out.size(), "one anomaly for one steady rise: " + out);
        assertEquals(SERIES, out.get(0).getSeries());
        assertTrue(deadLetters.isEmpty());
    }

    /** A moved sample that is then rejected names the topic and (absent) key it was written with, not the move's. */
    @Test
    void aMovedSampleThatIsRejectedIsDeadLetteredAsWritten() {
        start(AnomalySettings.defaults(), TimerMode.STREAM_TIME);
        samples.pipeInput(null, sample(SERIES, "", T0, 1.0), T0);
        DeadLetter letter = deadLetters.readValue();
        assertTrue(letter.getError().contains("names no service"), letter.getError());
        assertEquals(SAMPLES, letter.getSourceTopic());
        assertEquals(0, letter.getOffset());
        assertNull(letter.getKey());
        assertTrue(letter.getValue().remaining() > 5, "original bytes kept");
    }

    /** Done when: a day of flat noisy latency with single spikes, and of normal alert traffic, raises nothing. */
    @Test
    void quietDayWithNoiseAndSingleSpikesRaisesNothing() {
        start(AnomalySettings.defaults(), TimerMode.STREAM_TIME);
        List<Point> day = Scenarios.flatWithSpikes(8, 24 * HOUR);
        List<Long> alerts = Scenarios.alertTimes(8, Scenarios.stormCounts(8, 24 * 60, 0));
        int a = 0;
        for (Point p : day) {
            while (a < alerts.size() && alerts.get(a) <= p.at() && alerts.get(a) < T0 + 24 * HOUR) {
                pipeChange("checkout", ChangeType.FIRED, alerts.get(a++));
            }
            samples.pipeInput(SERIES, sample(SERIES, "checkout", p.at(), p.value()), p.at());
        }
        assertTrue(Scenarios.spikes(day) >= 10);
        assertEquals(List.of(), anomalies.readValuesToList());
        assertTrue(deadLetters.isEmpty());
    }

    /** Done when: a 20x storm for 5 minutes raises exactly one surge anomaly, which clears after. */
    @Test
    void twentyFoldStormRaisesExactlyOneSurgeWhichClears() {
        start(AnomalySettings.defaults(), TimerMode.STREAM_TIME);
        long[] counts = Scenarios.stormCounts(42, 120, 30);
        for (long at : Scenarios.alertTimes(42, counts)) {
            pipeChange("checkout", ChangeType.FIRED, at);
            pipeChange("checkout", ChangeType.RESOLVED, at); // resolutions are not new occurrences
        }

        List<Anomaly> out = anomalies.readValuesToList();
        assertEquals(List.of(false, true), out.stream().map(Anomaly::getCleared).toList(), out.toString());
        assertEquals(AnomalyKind.ALERT_RATE_SURGE, out.get(0).getKind());
        assertEquals(Instant.ofEpochMilli(T0 + 120 * MINUTE), out.get(0).getWindowStart());
        assertTrue(out.get(0).getObserved() >= 20 * out.get(0).getBaseline() / 2, "observed " + out.get(0));
        assertEquals(Instant.ofEpochMilli(T0 + 126 * MINUTE), out.get(1).getWindowEnd());

        List<RawAlert> alerts = synthetic.readValuesToList();
        assertEquals(List.of(AlertStatus.FIRING, AlertStatus.RESOLVED), alerts.stream().map(RawAlert::getStatus).toList());
        assertEquals(alerts.get(0).getFingerprint(), alerts.get(1).getFingerprint());
        assertEquals(Map.of("alertname", "ALERT_RATE_SURGE", "service", "checkout"), alerts.get(0).getLabels());
    }

    /** Wall-clock timers close minutes in which no alert arrives, so a storm that stops dead still clears. */
    @Test
    void wallClockClosesSilentMinutesClearsTheSurgeAndDropsTheIdleService() {
        start(settings(AnomalySettings.SURGE_IDLE_RETENTION, "20m"), TimerMode.WALL_CLOCK);
        long[] counts = Scenarios.stormCounts(9, 60, 0);
        List<Long> times = Scenarios.alertTimes(9, counts);
        int next = 0;
        for (int minute = 0; minute < counts.length; minute++) {
            while (next < times.size() && times.get(next) < T0 + (minute + 1) * MINUTE) {
                pipeChange("checkout", ChangeType.FIRED, times.get(next++));
            }
            driver.advanceWallClockTime(Duration.ofMinutes(1));
        }
        assertEquals(List.of(false), anomalies.readValuesToList().stream().map(Anomaly::getCleared).toList());

        driver.advanceWallClockTime(Duration.ofMinutes(3)); // the storm stopped dead: no records at all
        List<Anomaly> cleared = anomalies.readValuesToList();
        assertEquals(1, cleared.size());
        assertTrue(cleared.get(0).getCleared());
        assertTrue(cleared.get(0).getDetail().contains("back to 0/min"), cleared.get(0).getDetail());
        assertEquals(1, storeSize(AnomalyStage.SURGE_STATE_STORE));

        driver.advanceWallClockTime(Duration.ofMinutes(25));
        assertEquals(0, storeSize(AnomalyStage.SURGE_STATE_STORE), "idle service dropped");
        assertEquals(0, windowStoreSize(), "closed minutes deleted");
    }

    /**
     * Done when: out-of-order samples (and alerts) within the grace period give the same result as in order.
     * Inputs are interleaved by arrival time: TopologyTestDriver runs every sub-topology in one task with one
     * stream time, so piping all samples first would move the surge detector's clock past every alert.
     */
    @Test
    void outOfOrderInputWithinGraceGivesTheSameAnomalies() {
        List<Point> rise = new ArrayList<>(Scenarios.risingLatency(11, 70 * MINUTE));
        for (long t = T0 + 70 * MINUTE; t < T0 + 120 * MINUTE; t += Scenarios.SAMPLE_EVERY) {
            rise.add(new Point(t, 400));
        }
        List<Long> alertTimes = Scenarios.alertTimes(11, Scenarios.stormCounts(11, 60, 60));

        List<Anomaly> inOrder = replay(rise, alertTimes, 0);
        assertEquals(List.of("METRIC_RATE_OF_CHANGE raised", "ALERT_RATE_SURGE raised", "ALERT_RATE_SURGE cleared",
                "METRIC_RATE_OF_CHANGE cleared"), inOrder.stream().map(a -> a.getKind() + (a.getCleared() ? " cleared" : " raised"))
                .toList());
        assertEquals(inOrder, replay(rise, alertTimes, 59 * SECOND));
    }

    /**
     * Plays samples and FIRED changes interleaved by arrival time, each delayed by a seeded random amount under
     * {@code maxDelay}: 0 is in order; under a minute stays within both grace periods.
     */
    private List<Anomaly> replay(List<Point> rise, List<Long> alertTimes, long maxDelay) {
        record Arrival(long at, long eventTime, Runnable pipe) {
        }
        Random r = new Random(11);
        List<Arrival> arrivals = new ArrayList<>();
        for (Point p : rise) {
            arrivals.add(new Arrival(p.at() + (long) (r.nextDouble() * maxDelay), p.at(),
                    () -> samples.pipeInput(SERIES, sample(SERIES, "checkout", p.at(), p.value()), p.at())));
        }
        for (long t : alertTimes) {
            arrivals.add(new Arrival(t + (long) (r.nextDouble() * maxDelay), t, () -> pipeChange("checkout", ChangeType.FIRED, t)));
        }
        arrivals.sort(java.util.Comparator.comparingLong(Arrival::at));
        if (maxDelay > 0) {
            List<Long> eventOrder = arrivals.stream().map(Arrival::eventTime).toList();
            assertNotEquals(eventOrder.stream().sorted().toList(), eventOrder, "the delays must reorder something");
        }
        close();
        start(AnomalySettings.defaults(), TimerMode.STREAM_TIME);
        arrivals.forEach(a -> a.pipe().run());
        return anomalies.readValuesToList();
    }

    static Stream<Arguments> badSamples() {
        return Stream.of(
                arguments("value not finite", sample(SERIES, "checkout", T0, Double.NaN), "not a finite number"),
                arguments("no service", sample(SERIES, "", T0, 1.0), "names no service"),
                arguments("infinite value", sample(SERIES, "checkout", T0, Double.NEGATIVE_INFINITY), "not a finite number"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSamples")
    void unusableSamplesGoToTheDeadLetterQueueWithTheReason(String name, MetricSample bad, String reason) {
        start(AnomalySettings.defaults(), TimerMode.STREAM_TIME);
        samples.pipeInput(SERIES, bad, T0);
        TestRecord<String, DeadLetter> letter = deadLetters.readRecord();
        assertEquals(SERIES, letter.key());
        assertTrue(letter.value().getError().contains(reason), letter.value().getError());
        assertEquals(AnomalyStage.DLQ_STAGE, letter.value().getStage());
        assertEquals(SAMPLES, letter.value().getSourceTopic());
        assertEquals(SERIES, StandardCharsets.UTF_8.decode(letter.value().getKey()).toString());
        assertTrue(letter.value().getValue().remaining() > 5, "original bytes kept");
        assertTrue(anomalies.isEmpty());
    }

    @Test
    void sampleLaterThanTheGracePeriodGoesToTheDeadLetterQueue() {
        start(AnomalySettings.defaults(), TimerMode.STREAM_TIME);
        pipeSamples(Scenarios.risingLatency(2, 20 * MINUTE));
        samples.pipeInput(SERIES, sample(SERIES, "checkout", T0 + 5 * MINUTE, 210), T0 + 5 * MINUTE);
        DeadLetter letter = deadLetters.readValue();
        assertTrue(letter.getError().contains("after the grace period"), letter.getError());
    }

    /** Bounded state: a series silent for the retention is dropped; a raised one is cleared first. */
    @Test
    void silentSeriesIsDroppedAfterTheRetentionAndItsRaisedAnomalyCleared() {
        start(AnomalySettings.defaults(), TimerMode.WALL_CLOCK);
        pipeSamples(Scenarios.risingLatency(4, 40 * MINUTE));
        samples.pipeInput("quiet", sample("quiet", "search", T0, 10), T0);
        assertFalse(anomalies.readValue().getCleared());
        assertEquals(2, storeSize(AnomalyStage.METRIC_SERIES_STORE));

        driver.advanceWallClockTime(Duration.ofMinutes(125)); // over 2h after the quiet sample, not after the rise's last
        assertEquals(1, storeSize(AnomalyStage.METRIC_SERIES_STORE), "only the quiet series expired");
        assertTrue(anomalies.isEmpty());

        driver.advanceWallClockTime(Duration.ofMinutes(40));
        assertEquals(0, storeSize(AnomalyStage.METRIC_SERIES_STORE));
        Anomaly cleared = anomalies.readValue();
        assertTrue(cleared.getCleared());
        assertTrue(cleared.getDetail().contains("stopped reporting"), cleared.getDetail());
        assertEquals(AlertStatus.RESOLVED, synthetic.readValuesToList().get(1).getStatus());
    }

    static Stream<Arguments> changesCounted() {
        return Stream.of(
                arguments("new occurrence with a service", change("checkout", ChangeType.FIRED, T0), "checkout"),
                arguments("resolution", change("checkout", ChangeType.RESOLVED, T0), null),
                arguments("release from maintenance", change("checkout", ChangeType.RELEASED, T0), null),
                arguments("no service label", change(null, ChangeType.FIRED, T0), null),
                arguments("blank service label", change(" ", ChangeType.FIRED, T0), null),
                arguments("the detector's own synthetic alert", synthetic(change("checkout", ChangeType.FIRED, T0)), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changesCounted")
    void surgeCountsOnlyNewOccurrencesOfANamedService(String name, AlertChange change, String service) {
        assertEquals(service, AnomalyStage.countedService(change));
    }

    /** A rename of a processor, store or internal topic would orphan state: the names are part of the contract. */
    @Test
    void topologyNamesEveryProcessorStoreAndRepartitionTopic() {
        String description = topology(AnomalySettings.defaults(), TimerMode.STREAM_TIME).describe().toString();
        for (String name : List.of(AnomalyStage.SURGE_KEY_BY_SERVICE, AnomalyStage.SURGE_REPARTITION + "-repartition",
                AnomalyStage.SURGE_PROCESSOR, AnomalyStage.SURGE_COUNTS_STORE, AnomalyStage.SURGE_STATE_STORE,
                AnomalyStage.METRIC_PROCESSOR, AnomalyStage.METRIC_SERIES_STORE, AnomalyStage.METRIC_ANOMALIES,
                AnomalyStage.METRIC_DEAD_LETTERS, AnomalyStage.MERGE, AnomalyStage.SYNTHETIC_ALERTS,
                AnomalyStage.METRIC_SPLIT + "keyed", AnomalyStage.METRIC_SPLIT + "unkeyed", AnomalyStage.METRIC_KEY_BY_SERIES,
                AnomalyStage.METRIC_REPARTITION + "-repartition", AnomalyStage.METRIC_MERGE)) {
            assertTrue(description.contains(name), name + " missing in\n" + description);
        }
        assertFalse(description.contains("KSTREAM-"), "a generated (unnamed) processor in\n" + description);
    }

    private void start(AnomalySettings settings, TimerMode mode) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "anomaly-stage-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(topology(settings, mode), props, Instant.ofEpochMilli(T0));
        changes = driver.createInputTopic(CHANGES, Serdes.String().serializer(), serde(AlertChange.class).serializer());
        samples = driver.createInputTopic(SAMPLES, Serdes.String().serializer(), serde(MetricSample.class).serializer());
        anomalies = driver.createOutputTopic(ANOMALIES, Serdes.String().deserializer(), serde(Anomaly.class).deserializer());
        synthetic = driver.createOutputTopic(SYNTHETIC, Serdes.String().deserializer(), serde(RawAlert.class).deserializer());
        deadLetters = driver.createOutputTopic(DLQ, Serdes.String().deserializer(), serde(DeadLetter.class).deserializer());
    }

    private static Topology topology(AnomalySettings settings, TimerMode mode) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, AlertChange> changeStream = builder.stream(CHANGES,
                Consumed.with(Serdes.String(), serde(AlertChange.class)).withName("test-changes"));
        KStream<String, MetricSample> sampleStream = builder.stream(SAMPLES,
                Consumed.with(Serdes.String(), serde(MetricSample.class)).withName("test-samples"));
        AnomalyStage.Result result = AnomalyStage.detect(changeStream, sampleStream, settings, mode, serde(MetricSample.class),
                StateStores.defaults());
        result.anomalies().to(ANOMALIES, Produced.with(Serdes.String(), serde(Anomaly.class)).withName("test-anomalies"));
        result.syntheticAlerts().to(SYNTHETIC, Produced.with(Serdes.String(), serde(RawAlert.class)).withName("test-synthetic"));
        result.deadLetters().to(DLQ, Produced.with(Serdes.String(), serde(DeadLetter.class)).withName("test-dlq"));
        return builder.build();
    }

    private static <T extends SpecificRecord> Serde<T> serde(Class<T> type) {
        return new ConfluentAvroSerde<>(type, REGISTRY, false);
    }

    private static AnomalySettings settings(String key, String value) {
        return AnomalySettings.fromConfig(ConfigSource.of(Map.of(key, value)));
    }

    private void pipeSamples(List<Point> points) {
        for (Point p : points) {
            samples.pipeInput(SERIES, sample(SERIES, "checkout", p.at(), p.value()), p.at());
        }
    }

    private void pipeChange(String service, ChangeType type, long at) {
        AlertChange c = change(service, type, at);
        changes.pipeInput(c.getFingerprint(), c, at);
    }

    private long storeSize(String name) {
        long n = 0;
        try (KeyValueIterator<Object, Object> it = driver.getKeyValueStore(name).all()) {
            for (; it.hasNext(); it.next()) {
                n++;
            }
        }
        return n;
    }

    private long windowStoreSize() {
        List<KeyValue<?, ?>> all = new ArrayList<>();
        driver.getWindowStore(AnomalyStage.SURGE_COUNTS_STORE).all().forEachRemaining(all::add);
        return all.size();
    }

    private static AlertChange synthetic(AlertChange change) {
        change.getAlert().setSource(SyntheticAlerts.SOURCE);
        return change;
    }

    static MetricSample sample(String series, String service, long at, double value) {
        return MetricSample.newBuilder().setSeries(series).setName("http_request_duration_p99_ms").setService(service)
                .setLabels(Collections.emptyMap()).setAt(Instant.ofEpochMilli(at)).setValue(value).build();
    }

    static AlertChange change(String service, ChangeType type, long at) {
        Map<String, String> labels = service == null ? Map.of("alertname", "HighErrorRate")
                : Map.of("alertname", "HighErrorRate", "service", service);
        String fingerprint = Long.toHexString(at);
        RawAlert alert = RawAlert.newBuilder().setFingerprint(fingerprint).setSource("prometheus")
                .setStatus(type == ChangeType.RESOLVED ? AlertStatus.RESOLVED : AlertStatus.FIRING)
                .setSeverity(Severity.ERROR).setLabels(labels).setAnnotations(Map.of())
                .setStartsAt(Instant.ofEpochMilli(at)).setReceivedAt(Instant.ofEpochMilli(at)).build();
        return AlertChange.newBuilder().setFingerprint(fingerprint).setChange(type).setAlert(alert)
                .setEffectiveStartsAt(Instant.ofEpochMilli(at)).setDetectedAt(Instant.ofEpochMilli(at))
                .setAt(Instant.ofEpochMilli(at)).build();
    }
}
