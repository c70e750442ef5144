package io.alertflow.serde;

import com.fasterxml.jackson.databind.JsonNode;

/** Maps a registry's 4xx answer to the exception a caller can act on, keeping the registry's own message. */
final class RegistryErrors {

    private RegistryErrors() {
    }

    static SchemaRegistryException fromResponse(String operation, int status, JsonNode json, String rawBody,
                                                String registry) {
        int errorCode = json.path("error_code").asInt(-1);
        String registryMessage = json.path("message").asText(HttpSchemaRegistryClient.abbreviate(rawBody));
        String message = operation + " failed with HTTP " + status
                + (errorCode > 0 ? " (error " + errorCode + ")" : "") + ": " + registryMessage
                + " [registry " + registry + "]";
        if (status == 401 || status == 403) {
            return new RegistryAccessDeniedException(message + "; check basic.auth.user.info", status, errorCode);
        }
        if (status == 409) {
            return new IncompatibleSchemaException(message, status, errorCode);
        }
        if (status == 404 || errorCode == 40401 || errorCode == 40402 || errorCode == 40403) {
            return new SchemaNotFoundException(message, status, errorCode);
        }
        if (status == 422 || errorCode == 42201) {
            return new InvalidSchemaException(message, status, errorCode);
        }
        return new SchemaRegistryException(message, status, errorCode, null);
    }
}
