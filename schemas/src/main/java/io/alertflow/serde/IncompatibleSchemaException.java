package io.alertflow.serde;

/** The registry refused a schema because it is incompatible with the subject's latest version (HTTP 409). */
public class IncompatibleSchemaException extends SchemaRegistryException {

    public IncompatibleSchemaException(String message) {
        super(message);
    }

    public IncompatibleSchemaException(String message, int httpStatus, int errorCode) {
        super(message, httpStatus, errorCode, null);
    }
}
