package io.alertflow.serde;

/** No registry URL answered successfully within the bounded retries (I/O errors, 5xx, 429). */
public class RegistryUnavailableException extends SchemaRegistryException {

    public RegistryUnavailableException(String message, int httpStatus, Throwable cause) {
        super(message, httpStatus, -1, cause);
    }

    /** For subclasses that carry the registry's error code. */
    protected RegistryUnavailableException(String message, int httpStatus, int errorCode, Throwable cause) {
        super(message, httpStatus, errorCode, cause);
    }
}
