package io.alertflow.reliability.crash;

import io.alertflow.avro.Service;
import io.alertflow.reliability.harness.ChildJvm;
import io.alertflow.reliability.harness.CrashScenario;
import io.alertflow.reliability.harness.LockstepFeeder;
import io.alertflow.reliability.harness.Outcome;
import io.alertflow.reliability.harness.StreamsRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;

/** Steps the fault-injection tests share: prepare a run, feed it in lockstep, read what it produced. */
final class Runs {
    /** Event time per lockstep step: shorter than any gap between a timer and an event of the same incident. */
    static final Duration STEP = Duration.ofSeconds(90);
    static final Duration STEP_TIMEOUT = Duration.ofMinutes(2);

    private Runs() {
    }

    /** Creates the run's topics and writes the service catalogue (loaded into a global store before processing). */
    static void prepare(StreamsRun run, CrashScenario scenario) {
        run.createTopics();
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, run.config().bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, Service> producer = new KafkaProducer<>(config, Serdes.String().serializer(),
                run.topics().services().valueSerde().serializer())) {
            List<Future<?>> acks = new ArrayList<>();
            scenario.services().forEach(s -> acks.add(producer.send(
                    new ProducerRecord<>(run.topics().services().name(), s.getName(), s))));
            for (Future<?> ack : acks) {
                ack.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the service catalogue", e);
        }
    }

    /** Feeds the scenario in lockstep, calling {@code hook} after each step, and reads the outcome. */
    static Outcome feedAndRead(StreamsRun run, CrashScenario scenario, LockstepFeeder.Hook hook) {
        String bootstrap = run.config().bootstrapServers();
        try (LockstepFeeder feeder = new LockstepFeeder(bootstrap, run.topics())) {
            feeder.feed(scenario, STEP, run.config().staleAfter(), STEP_TIMEOUT, hook);
        }
        return Outcome.awaitCompletion(bootstrap, run.topics(), Duration.ofMinutes(2), () -> { });
    }

    /** Fails with the child's log when it died. */
    static void assertAlive(ChildJvm child) {
        if (!child.isAlive()) {
            throw new AssertionError(child + " died:\n" + child.tail());
        }
    }
}
