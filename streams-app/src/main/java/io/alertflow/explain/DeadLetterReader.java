package io.alertflow.explain;

import io.alertflow.alert.Fingerprint;
import io.alertflow.avro.DeadLetter;
import io.alertflow.avro.RawAlert;
import io.alertflow.dlq.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code alerts.dlq} back (as bytes, so an unreadable dead letter can never loop through the DLQ handler)
 * and keys each dead letter by the fingerprint of the alert it carried, when one can be known: the alert's own
 * or computed from its labels when it still deserialises, else the record key the gateway set. Letters with
 * no known fingerprint are forwarded with a null key (counted, not explained).
 */
final class DeadLetterReader implements Processor<byte[], byte[], String, DeadLetter> {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReader.class);

    private final Deserializer<DeadLetter> letters;
    private final Deserializer<RawAlert> alerts;
    private final Set<String> alertTopics;
    private ProcessorContext<String, DeadLetter> context;

    DeadLetterReader(Deserializer<DeadLetter> letters, Deserializer<RawAlert> alerts, Set<String> alertTopics) {
        this.letters = letters;
        this.alerts = alerts;
        this.alertTopics = alertTopics;
    }

    @Override
    public void init(ProcessorContext<String, DeadLetter> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        DeadLetter letter;
        try {
            letter = letters.deserialize("", record.value());
        } catch (RuntimeException e) {
            LOG.warn("a record on the dead-letter topic is not a DeadLetter; not explained: {}", e.getMessage());
            return;
        }
        if (letter == null) {
            return;
        }
        context.forward(new Record<>(fingerprintOf(letter), letter, record.timestamp()));
    }

    /** The fingerprint of the alert in a dead letter, or null when it cannot be known. */
    String fingerprintOf(DeadLetter letter) {
        if (!alertTopics.contains(letter.getSourceTopic())) {
            return null;
        }
        byte[] value = DeadLetters.originalValue(letter);
        if (value != null) {
            try {
                RawAlert alert = alerts.deserialize(letter.getSourceTopic(), value);
                if (alert != null && alert.getFingerprint() != null && !alert.getFingerprint().isBlank()) {
                    return alert.getFingerprint();
                }
                if (alert != null && alert.getLabels() != null && !alert.getLabels().isEmpty()) {
                    return Fingerprint.of(alert.getLabels());
                }
            } catch (RuntimeException undecodable) {
                // Expected for "cannot deserialize" letters: fall back to the key.
            }
        }
        byte[] key = DeadLetters.originalKey(letter);
        return key == null || key.length == 0 ? null : new String(key, StandardCharsets.UTF_8);
    }
}
