package io.alertflow.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertflow.json.RecordJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks another instance's API for what its stores hold ({@code /internal/...} endpoints, which answer from
 * local state only, so a forwarded query never bounces on).
 */
public final class RemoteInstances {
    private final HttpClient http;
    private final Duration timeout;

    public RemoteInstances(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** GET {@code path} on {@code host}: the JSON body on 200, empty on 404; {@link Unavailable} otherwise. */
    public Optional<JsonNode> get(HostInfo host, String path) {
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + path);
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new Unavailable("instance " + host.host() + ":" + host.port() + " did not answer (" + e.getClass().getSimpleName()
                    + "); it may be restarting, try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while asking instance " + host.host() + ":" + host.port());
        }
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new Unavailable("instance " + host.host() + ":" + host.port() + " answered " + response.statusCode()
                    + " for " + path + "; it may be rebalancing, try again");
        }
        return Optional.of(RecordJson.parse(response.body()));
    }
}
