package io.alertflow.serde;

/** The registry does not know the subject, the schema under the subject, or the schema id (HTTP 404). */
public class SchemaNotFoundException extends SchemaRegistryException {

    public SchemaNotFoundException(String message) {
        super(message);
    }

    public SchemaNotFoundException(String message, int httpStatus, int errorCode) {
        super(message, httpStatus, errorCode, null);
    }
}
