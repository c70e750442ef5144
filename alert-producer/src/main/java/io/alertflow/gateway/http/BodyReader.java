package io.alertflow.gateway.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body on a worker thread, refusing it with 413 as soon as it exceeds the limit,
 * whether or not the client sent a Content-Length (chunked bodies are counted while read).
 */
public final class BodyReader {
    /** Most bytes of an oversized chunked body read and discarded so the client sees the 413. */
    private static final long MAX_DRAIN_BYTES = 8L * 1024 * 1024;

    private final long maxBytes;

    public BodyReader(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The whole body; the exchange must be in blocking mode. IOException when the client is too slow or goes away. */
    public byte[] read(HttpServerExchange exchange) throws IOException {
        try {
            return readWithinLimit(exchange);
        } catch (IllegalStateException | NullPointerException e) {
            // Undertow's blocking stream fails this way when the read timeout has already closed the
            // connection underneath it: report it as the I/O problem it is.
            if (!exchange.getConnection().isOpen()) {
                throw new IOException("connection closed while reading the body (gateway.read-timeout)", e);
            }
            throw e;
        }
    }

    private byte[] readWithinLimit(HttpServerExchange exchange) throws IOException {
        long declared = exchange.getRequestContentLength();
        if (declared > maxBytes) {
            throw tooLarge(exchange, declared + " bytes");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 4096);
        byte[] buffer = new byte[16 * 1024];
        InputStream in = exchange.getInputStream();
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            total += n;
            if (total > maxBytes) {
                drain(in, buffer);
                throw tooLarge(exchange, "more than " + maxBytes + " bytes");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * Discards a bounded amount of the rest of a chunked body before answering: a client that is
     * still sending when the connection closes often never reads the 413 (it sees a reset instead).
     */
    private static void drain(InputStream in, byte[] buffer) throws IOException {
        long discarded = 0;
        for (int n = in.read(buffer); n >= 0 && discarded < MAX_DRAIN_BYTES; n = in.read(buffer)) {
            discarded += n;
        }
    }

    private HttpProblem tooLarge(HttpServerExchange exchange, String size) {
        // The rest of the body is not read: close the connection instead of draining it.
        exchange.setPersistent(false);
        exchange.getResponseHeaders().put(Headers.CONNECTION, "close");
        return new HttpProblem(413, "the request body is " + size + "; the limit is " + maxBytes + " bytes (gateway.max-body-bytes)", null);
    }
}
