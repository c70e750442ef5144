package io.alertflow.serde;

/** The registry rejected a schema as malformed (HTTP 422, error 42201). */
public class InvalidSchemaException extends SchemaRegistryException {

    public InvalidSchemaException(String message, int httpStatus, int errorCode) {
        super(message, httpStatus, errorCode, null);
    }
}
