package io.alertflow.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Per-thread reusable Avro encoders and decoders: the serdes may be called from several producer threads,
 * and Avro's buffered encoder and decoder are not thread-safe, while allocating them per record is wasteful.
 */
final class AvroEncoding {

    /** A buffer that grew past this size (one huge record) is dropped rather than kept for the thread's life. */
    private static final int MAX_RETAINED_BUFFER = 1 << 20;

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private AvroEncoding() {
    }

    /** Encodes {@code datum} with {@code writer} behind the wire-format header of {@code schemaId}. */
    static <D> byte[] encode(int schemaId, DatumWriter<D> writer, D datum) throws IOException {
        Buffers buffers = BUFFERS.get();
        buffers.out.reset();
        WireFormat.writeHeader(buffers.header, 0, schemaId);
        buffers.out.write(buffers.header);
        buffers.encoder = EncoderFactory.get().binaryEncoder(buffers.out, buffers.encoder);
        writer.write(datum, buffers.encoder);
        buffers.encoder.flush();
        byte[] result = buffers.out.toByteArray();
        if (result.length > MAX_RETAINED_BUFFER) {
            BUFFERS.remove();
        }
        return result;
    }

    /** Encodes {@code datum} as plain Avro binary, without a header. */
    static <D> byte[] encodeBody(DatumWriter<D> writer, D datum) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        writer.write(datum, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** A decoder over {@code payload[offset..]}, reusing this thread's decoder object. */
    static BinaryDecoder decoder(byte[] payload, int offset) {
        Buffers buffers = BUFFERS.get();
        buffers.decoder = DecoderFactory.get().binaryDecoder(payload, offset, payload.length - offset, buffers.decoder);
        return buffers.decoder;
    }

    private static final class Buffers {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        final byte[] header = new byte[WireFormat.HEADER_SIZE];
        BinaryEncoder encoder;
        BinaryDecoder decoder;
    }
}
