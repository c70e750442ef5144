package io.alertflow.gateway.kafka;

import io.alertflow.gateway.GatewayConfig;
import io.alertflow.gateway.http.HttpProblem;
import io.alertflow.gateway.http.OutgoingRecord;
import io.alertflow.gateway.http.RecordSink;
import io.alertflow.serde.ConfluentAvroSerializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes a request's records with an idempotent {@code acks=all} producer: every record is sent
 * first (so they share batches), then each acknowledgement is awaited; any failure is a 503 with
 * Retry-After, because the client (Prometheus, Alertmanager, a PagerDuty sender) will retry.
 * Records already written before a failure may be written again by that retry: downstream
 * deduplication by fingerprint absorbs it.
 */
public final class KafkaRecordSink implements RecordSink, AutoCloseable {
    private final Producer<String, SpecificRecord> producer;
    private final Duration ackTimeout;
    private final Duration retryAfter;

    public KafkaRecordSink(Producer<String, SpecificRecord> producer, Duration ackTimeout, Duration retryAfter) {
        this.producer = producer;
        this.ackTimeout = ackTimeout;
        this.retryAfter = retryAfter;
    }

    /** A sink with the gateway's producer settings (acks=all, idempotence, lz4, linger) and the Avro serializer. */
    public static KafkaRecordSink create(GatewayConfig config) {
        ConfluentAvroSerializer<SpecificRecord> serializer = new ConfluentAvroSerializer<>();
        serializer.configure(config.serde(), false);
        Producer<String, SpecificRecord> producer = new KafkaProducer<>(producerConfig(config), new StringSerializer(), serializer);
        // Wait a little longer than the producer's own delivery timeout so its error, not ours, is reported.
        return new KafkaRecordSink(producer, config.deliveryTimeout().plusSeconds(1), config.retryAfter());
    }

    /** The producer settings; {@code kafka.*} pass-through settings (security) are applied first and ours win. */
    static Map<String, Object> producerConfig(GatewayConfig config) {
        Map<String, Object> props = new HashMap<>(config.kafka());
        long delivery = config.deliveryTimeout().toMillis();
        long linger = config.linger().toMillis();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, props.getOrDefault(ProducerConfig.CLIENT_ID_CONFIG, "alertflow-gateway"));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.LINGER_MS_CONFIG, linger);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) delivery);
        // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms.
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1, delivery - linger));
        // send() blocks for metadata when the cluster is unreachable: bound it by the same budget.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, delivery);
        return props;
    }

    @Override
    public void publish(List<OutgoingRecord> records) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        try {
            for (OutgoingRecord r : records) {
                Long timestamp = r.timestamp() == null ? null : r.timestamp().toEpochMilli();
                acks.add(producer.send(new ProducerRecord<>(r.topic(), null, timestamp, r.key(), r.value())));
            }
            awaitAll(acks);
        } catch (RecordTooLargeException e) {
            throw new HttpProblem(413, "a record is larger than Kafka accepts: " + e.getMessage(), null);
        } catch (KafkaException e) {
            throw unavailable(e.getMessage());
        }
    }

    private void awaitAll(List<Future<RecordMetadata>> acks) {
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RecordTooLargeException tooLarge) {
                    throw tooLarge;
                }
                throw unavailable(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            } catch (TimeoutException e) {
                throw unavailable("no acknowledgement within " + ackTimeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unavailable("interrupted while waiting for Kafka");
            }
        }
    }

    private HttpProblem unavailable(String reason) {
        return new HttpProblem(503, "Kafka did not acknowledge the records; nothing is confirmed, retry later (" + reason + ")", null,
                retryAfter);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
