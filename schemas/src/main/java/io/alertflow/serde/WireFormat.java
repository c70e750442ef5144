package io.alertflow.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format: byte 0 is the magic byte 0x0, bytes 1-4 the big-endian schema id,
 * then the Avro binary encoding of the value.
 */
public final class WireFormat {

    /** The only magic byte this format defines. */
    public static final byte MAGIC_BYTE = 0x0;
    /** Length of the magic byte plus the schema id. */
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /** Returns the 5-byte header announcing {@code schemaId}. */
    public static byte[] header(int schemaId) {
        return ByteBuffer.allocate(HEADER_SIZE).put(MAGIC_BYTE).putInt(schemaId).array();
    }

    /** Writes the 5-byte header into {@code target} at {@code offset}. */
    public static void writeHeader(byte[] target, int offset, int schemaId) {
        target[offset] = MAGIC_BYTE;
        target[offset + 1] = (byte) (schemaId >>> 24);
        target[offset + 2] = (byte) (schemaId >>> 16);
        target[offset + 3] = (byte) (schemaId >>> 8);
        target[offset + 4] = (byte) schemaId;
    }

    /**
     * Checks the header of a record read from {@code topic} and returns its schema id.
     *
     * @throws SerializationException when the payload is shorter than the header or the magic byte is wrong
     */
    public static int readSchemaId(String topic, byte[] payload) {
        if (payload.length < HEADER_SIZE) {
            throw new SerializationException("Record from topic '" + topic + "' has " + payload.length
                    + " bytes, shorter than the " + HEADER_SIZE + "-byte Confluent wire-format header"
                    + " (magic byte 0x00 + 4-byte schema id)");
        }
        if (payload[0] != MAGIC_BYTE) {
            throw new SerializationException(String.format(
                    "Record from topic '%s' starts with byte 0x%02x, expected magic byte 0x%02x of the Confluent"
                            + " wire format: it was not written by a Schema Registry Avro serializer",
                    topic, payload[0] & 0xff, MAGIC_BYTE));
        }
        return ((payload[1] & 0xff) << 24) | ((payload[2] & 0xff) << 16)
                | ((payload[3] & 0xff) << 8) | (payload[4] & 0xff);
    }
}
