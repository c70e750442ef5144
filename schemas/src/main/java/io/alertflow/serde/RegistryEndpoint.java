package io.alertflow.serde;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/**
 * One registry base URL with its credentials taken out, so that URLs can be logged and put into error
 * messages without leaking a password.
 */
record RegistryEndpoint(URI baseUri, Optional<String> authorization) {

    /**
     * Parses {@code url}; basic-auth credentials come from {@code override}, else the URL's user-info,
     * else {@code fallback}.
     */
    static RegistryEndpoint parse(String url, Optional<String> override, Optional<String> fallback) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new ConfigException(SerdeConfig.SCHEMA_REGISTRY_URL, redact(url), "not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new ConfigException(SerdeConfig.SCHEMA_REGISTRY_URL, redact(url),
                    "expected http://host:port or https://host:port (or mock://scope)");
        }
        Optional<String> credentials = override.or(() -> Optional.ofNullable(uri.getRawUserInfo())
                .map(raw -> URLDecoder.decode(raw, StandardCharsets.UTF_8))).or(() -> fallback);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        URI base = URI.create(scheme + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path);
        return new RegistryEndpoint(base, credentials.map(RegistryEndpoint::basicAuth));
    }

    /** The request URI of {@code path} (which starts with '/') on this endpoint. */
    URI resolve(String path) {
        return URI.create(baseUri + path);
    }

    @Override
    public String toString() {
        return baseUri.toString();
    }

    private static String basicAuth(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    /** Removes user-info from a URL that failed to parse, for the error message. */
    private static String redact(String url) {
        return url.replaceAll("//[^/@]*@", "//***@");
    }
}
