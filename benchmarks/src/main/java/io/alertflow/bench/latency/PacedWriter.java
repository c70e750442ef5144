package io.alertflow.bench.latency;

import io.alertflow.avro.RawAlert;
import io.alertflow.bench.load.AlertMix;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/** Writes alerts from a mix at a fixed rate, each stamped with the wall clock at the moment it is sent. */
final class PacedWriter {
    private PacedWriter() {
    }

    /** Sends {@code rate} alerts per second for {@code seconds}; returns how many were sent. */
    static long write(KafkaProducer<String, byte[]> producer, Serializer<RawAlert> serializer, AlertMix mix, String topic,
                      int rate, long seconds) {
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        long total = rate * seconds;
        for (long i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 200_000) {
                LockSupport.parkNanos(wait);
            }
            Instant now = Instant.now();
            RawAlert alert = mix.next(now);
            producer.send(new ProducerRecord<>(topic, null, now.toEpochMilli(), alert.getFingerprint(),
                    serializer.serialize(topic, alert)));
        }
        producer.flush();
        return total;
    }
}
