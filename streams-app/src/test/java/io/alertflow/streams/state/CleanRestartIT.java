package io.alertflow.streams.state;

import static io.alertflow.streams.TopologyFixture.firing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.alert.Fingerprint;
import io.alertflow.avro.RawAlert;
import io.alertflow.streams.StreamsMain;
import io.alertflow.streams.config.AlertflowConfig;
import io.alertflow.streams.topics.Topics;
import io.alertflow.testing.KafkaTestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clean stop and start of the live app (RocksDB, exactly-once, three partitions) on a real broker keeps every
 * task's local state: no task is declared corrupted, wiped and restored. Partitions that never saw an alert leave
 * their window stores without a single segment, which is where Kafka Streams 4.3.1 lost the committed offset.
 */
class CleanRestartIT {
    /** Where Kafka Streams says why it wipes a task's state under exactly-once. */
    private static final String STATE_MANAGER = "org.apache.kafka.streams.processor.internals.ProcessorStateManager";
    private static final String TASK_MANAGER = "org.apache.kafka.streams.processor.internals.TaskManager";
    private static final List<LogEvent> events = new CopyOnWriteArrayList<>();
    private static KafkaTestCluster cluster;
    private static AbstractAppender appender;

    @TempDir
    static Path stateDir;

    @BeforeAll
    static void start() {
        cluster = KafkaTestCluster.start();
        appender = new AbstractAppender("restart-capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                events.add(event.toImmutable());
            }
        };
        appender.start();
        for (String name : List.of(STATE_MANAGER, TASK_MANAGER)) {
            Logger logger = (Logger) LogManager.getLogger(name);
            logger.addAppender(appender);
            logger.setLevel(Level.WARN);
        }
    }

    @AfterAll
    static void stop() {
        for (String name : List.of(STATE_MANAGER, TASK_MANAGER)) {
            ((Logger) LogManager.getLogger(name)).removeAppender(appender);
        }
        cluster.close();
    }

    @Test
    void aCleanRestartWipesNoTask() throws Exception {
        AlertflowConfig cfg = AlertflowConfig.of(Map.of(
                "bootstrap.servers", cluster.bootstrapServers(),
                "schema.registry.url", "mock://" + UUID.randomUUID(),
                "application.id", "alertflow-restart-" + UUID.randomUUID().toString().substring(0, 8),
                "state.dir", stateDir.toString(),
                "timers.interval", "1s",
                "topic.partitions", "3",
                "api.enabled", "false"));
        Topics topics = Topics.from(cfg);
        Instant now = Instant.now();
        Map<String, String> labels = Map.of("alertname", "PostgresDown", "service", "orders-db", "severity", "critical");
        KafkaStreams first = running(StreamsMain.start(cfg));
        try {
            cluster.produce(Serdes.String().serializer(), topics.alertsRaw().valueSerde().serializer(),
                    List.of(new ProducerRecord<>(topics.alertsRaw().name(), null, now.toEpochMilli(), Fingerprint.of(labels),
                            firing(labels, now))));
            // One alert: one partition's tasks have state, the others' stores stay empty.
            cluster.consume(topics.incidents().name(), Serdes.String().deserializer(),
                    topics.incidents().valueSerde().deserializer(), 1);
        } finally {
            // Leaving the group lets the restart take the partitions at once instead of after the session timeout (45 s).
            assertTrue(first.close(CloseOptions.timeout(Duration.ofSeconds(30))
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)),
                    "the first run stops within 30 s");
        }
        assertEquals(List.of(), warnings(), "nothing wiped before the restart");
        // A stream thread reports RUNNING only once every active task is initialised (where a task is declared
        // corrupted, if at all) and restored.
        KafkaStreams second = StreamsMain.start(cfg);
        try {
            running(second);
        } finally {
            second.close(Duration.ofSeconds(30));
        }
        assertEquals(List.of(), warnings(), "a clean restart declares no task corrupted");
    }

    private static KafkaStreams running(KafkaStreams streams) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            assertTrue(System.nanoTime() < deadline, "Kafka Streams RUNNING within 60 s, is " + streams.state());
            Thread.sleep(100);
        }
        return streams;
    }

    private static List<String> warnings() {
        return events.stream().filter(e -> e.getLevel().isMoreSpecificThan(Level.WARN))
                .map(e -> e.getLoggerName() + ": " + e.getMessage().getFormattedMessage()).toList();
    }
}
