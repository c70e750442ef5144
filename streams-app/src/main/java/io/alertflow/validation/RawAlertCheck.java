package io.alertflow.validation;

import io.alertflow.alert.AlertValidator;
import io.alertflow.alert.Fingerprint;
import io.alertflow.alert.Violation;
import io.alertflow.avro.RawAlert;
import io.alertflow.serde.RegistryUnavailableException;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The Kafka-free part of validation: bytes to a valid {@link RawAlert} with its fingerprint, or the sentence
 * that says why not.
 */
public final class RawAlertCheck {
    private final Deserializer<RawAlert> deserializer;
    private final AlertValidator validator;

    public RawAlertCheck(Deserializer<RawAlert> deserializer, AlertValidator validator) {
        this.deserializer = deserializer;
        this.validator = validator;
    }

    /** The result of checking one record's value. */
    public sealed interface Result {
    }

    /** A valid alert, fingerprint filled in. */
    public record Valid(RawAlert alert) implements Result {
    }

    /** Why the record cannot be used. */
    public record Invalid(String stage, String error) implements Result {
    }

    /** Deserializes, fills in a missing fingerprint, and applies the validation rules of SPEC §3.1. */
    public Result check(String topic, byte[] value) {
        if (value == null || value.length == 0) {
            return new Invalid("deserialize", "the record has no value; alerts.raw expects a RawAlert in the Confluent Avro wire format");
        }
        RawAlert alert;
        try {
            alert = deserializer.deserialize(topic, value);
        } catch (RegistryUnavailableException e) {
            // Not bad input: the registry is down. Fail the task so nothing is dead-lettered or committed; the
            // record is read again once the registry answers (DeadLetterProcessingHandler lets this through).
            throw e;
        } catch (RuntimeException e) {
            // SerializationException from the serde; anything else means bytes the Avro decoder choked on.
            return new Invalid("deserialize", "cannot deserialize a RawAlert: " + e.getMessage()
                    + "; the producer must write Confluent-framed Avro with a registered RawAlert schema");
        }
        return check(alert);
    }

    /** Fills in a missing fingerprint and applies the validation rules to a deserialized alert. */
    public Result check(RawAlert alert) {
        List<Violation> violations = validator.validate(alert);
        if (!violations.isEmpty()) {
            return new Invalid("validate", "invalid alert: " + violations.stream().map(Violation::toString)
                    .collect(Collectors.joining("; ")));
        }
        if (alert.getFingerprint() == null || alert.getFingerprint().isBlank()) {
            alert.setFingerprint(Fingerprint.of(alert.getLabels()));
        }
        return new Valid(alert);
    }
}
