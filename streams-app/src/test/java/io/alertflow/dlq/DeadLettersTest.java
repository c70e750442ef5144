package io.alertflow.dlq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The origin a record carries across a repartition topic, so that later dead letters name the input record. */
class DeadLettersTest {
    private static final Optional<RecordMetadata> REPARTITION = Optional.of(position("app-correlation-events-repartition", 3, 99));

    static Stream<Arguments> origins() {
        return Stream.of(
                Arguments.of("no headers: the record's own position", null, "app-correlation-events-repartition/3@99"),
                Arguments.of("no origin headers: the record's own position", headers("other", "x"),
                        "app-correlation-events-repartition/3@99"),
                Arguments.of("origin headers: the input position", DeadLetters.withOrigin(new RecordHeaders(),
                        Optional.of(position("incident.actions", 0, 7))), "incident.actions/0@7"),
                Arguments.of("an origin offset that is not a number: the record's own position",
                        headers(DeadLetters.ORIGIN_TOPIC, "incident.actions", DeadLetters.ORIGIN_PARTITION, "0",
                                DeadLetters.ORIGIN_OFFSET, "seven"), "app-correlation-events-repartition/3@99"),
                Arguments.of("only part of an origin: the record's own position",
                        headers(DeadLetters.ORIGIN_TOPIC, "incident.actions"), "app-correlation-events-repartition/3@99"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("origins")
    void originIsTheInputPositionWhenRecordedElseTheRecordsOwn(String name, Headers headers, String expected) {
        RecordMetadata m = DeadLetters.origin(headers, REPARTITION).orElseThrow();
        assertEquals(expected, m.topic() + "/" + m.partition() + "@" + m.offset());
    }

    @Test
    void withOriginReplacesAnOriginTheProducerWroteAndKeepsOtherHeaders() {
        Headers forged = headers(DeadLetters.ORIGIN_TOPIC, "elsewhere", DeadLetters.ORIGIN_OFFSET, "1", "trace", "t-1");
        Headers h = DeadLetters.withOrigin(forged, Optional.of(position("incident.actions", 2, 5)));
        RecordMetadata m = DeadLetters.origin(h, REPARTITION).orElseThrow();
        assertEquals("incident.actions/2@5", m.topic() + "/" + m.partition() + "@" + m.offset());
        assertEquals(4, h.toArray().length, "the trace header kept and the three origin headers");
        assertEquals("t-1", new String(h.lastHeader("trace").value(), StandardCharsets.UTF_8));
        assertEquals("elsewhere", new String(forged.lastHeader(DeadLetters.ORIGIN_TOPIC).value(), StandardCharsets.UTF_8),
                "the input record's headers are not changed in place");
    }

    private static Headers headers(String... keysAndValues) {
        RecordHeaders h = new RecordHeaders();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            h.add(keysAndValues[i], keysAndValues[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return h;
    }

    private static RecordMetadata position(String topic, int partition, long offset) {
        return new RecordMetadata() {
            @Override
            public String topic() {
                return topic;
            }

            @Override
            public int partition() {
                return partition;
            }

            @Override
            public long offset() {
                return offset;
            }
        };
    }
}
