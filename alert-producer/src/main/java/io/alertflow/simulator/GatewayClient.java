package io.alertflow.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * A small HTTP client for the gateway: sends JSON, retries 503 (honouring Retry-After, at most
 * three times) and connection failures, and reports the final status instead of throwing on 4xx.
 */
public final class GatewayClient {
    private static final int ATTEMPTS = 4;

    private final HttpClient http;
    private final URI base;
    private final String token;

    /** A client of the gateway at {@code base} (e.g. http://localhost:8080); {@code token} may be null. */
    public GatewayClient(URI base, String token) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.base = base;
        this.token = token;
    }

    /** The answer to one call. */
    public record Response(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** Sends a request with a JSON body (null for none) and returns the final answer. */
    public Response send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpRequest built = request.build();
        IOException lastError = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 503 || attempt == ATTEMPTS) {
                    return new Response(response.statusCode(), response.body());
                }
                pause(retryAfter(response.headers().firstValue("Retry-After")));
            } catch (IOException e) {
                lastError = e;
                pause(Duration.ofMillis(500L * attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Response(-1, "interrupted");
            }
        }
        return new Response(-1, "gateway unreachable at " + base + ": " + lastError);
    }

    private static Duration retryAfter(Optional<String> header) {
        try {
            return Duration.ofSeconds(Math.min(30, Long.parseLong(header.orElse("1").trim())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
