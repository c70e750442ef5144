package io.alertflow.gateway.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.List;

/**
 * Checks a bearer token or a PagerDuty routing key against the configured secrets in constant time
 * (MessageDigest.isEqual), so response timing reveals nothing about the secret.
 */
public final class BearerAuth {
    private final List<byte[]> secrets;

    public BearerAuth(Collection<String> secrets) {
        this.secrets = secrets.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** True when no secret is configured: authentication is off. */
    public boolean disabled() {
        return secrets.isEmpty();
    }

    /** Whether the presented value equals one of the secrets; always true when disabled. */
    public boolean accepts(String presented) {
        if (disabled()) {
            return true;
        }
        if (presented == null) {
            return false;
        }
        byte[] candidate = presented.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (byte[] secret : secrets) {
            match |= MessageDigest.isEqual(secret, candidate);
        }
        return match;
    }

    /** Checks an Authorization header of the form {@code Bearer <token>}; throws 401 otherwise. */
    public void checkAuthorizationHeader(String header) {
        if (disabled()) {
            return;
        }
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        if (!accepts(token)) {
            throw new HttpProblem(401, token == null ? "an Authorization: Bearer token is required" : "the bearer token is not valid",
                    "Authorization");
        }
    }
}
