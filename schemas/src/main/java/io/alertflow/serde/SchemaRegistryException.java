package io.alertflow.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A Schema Registry problem; a {@link SerializationException} so that a Kafka Streams
 * deserialization handler treats a registry failure during deserialize like any other bad record.
 */
public class SchemaRegistryException extends SerializationException {

    /** HTTP status of the registry's answer, or -1 when there was none (mock, I/O failure). */
    private final int httpStatus;
    /** Confluent error code of the registry's answer (e.g. 40401), or -1 when there was none. */
    private final int errorCode;

    public SchemaRegistryException(String message) {
        this(message, -1, -1, null);
    }

    public SchemaRegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** HTTP status of the registry's answer, or -1 when there was none. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Confluent error code (e.g. 40401), or -1 when there was none. */
    public int errorCode() {
        return errorCode;
    }
}
