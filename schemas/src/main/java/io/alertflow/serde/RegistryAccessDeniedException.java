package io.alertflow.serde;

/**
 * The registry refused the client's credentials (HTTP 401 or 403). Like an outage it says nothing about the
 * record being read, so it is a {@link RegistryUnavailableException}: callers that dead-letter bad records must
 * fail instead (a wrong or revoked {@code basic.auth.user.info} would otherwise dead-letter every good record).
 */
public class RegistryAccessDeniedException extends RegistryUnavailableException {

    public RegistryAccessDeniedException(String message, int httpStatus, int errorCode) {
        super(message, httpStatus, errorCode, null);
    }
}
