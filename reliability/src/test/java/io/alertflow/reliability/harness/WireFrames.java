package io.alertflow.reliability.harness;

import io.alertflow.avro.RawAlert;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/** Confluent-wire-format payloads written with schemas the apps have not seen (newer versions of RawAlert). */
public final class WireFrames {

    private WireFrames() {
    }

    /** RawAlert with one more optional field ({@code team}, default null): a compatible newer version with its own id. */
    public static Schema evolvedRawAlert() {
        return new Schema.Parser().parse(RawAlert.getClassSchema().toString()
                .replace("\"fields\":[", "\"fields\":[{\"name\":\"team\",\"type\":[\"null\",\"string\"],\"default\":null},"));
    }

    /** {@code alert} as a generic record of {@code schema} (a version of RawAlert). */
    public static GenericRecord generic(Schema schema, RawAlert alert) {
        GenericRecord record = new GenericData.Record(schema);
        for (Schema.Field f : RawAlert.getClassSchema().getFields()) {
            Object v = alert.get(f.name());
            if (v instanceof Instant i) {
                v = i.toEpochMilli();
            } else if (v instanceof Enum<?> e) {
                v = new GenericData.EnumSymbol(schema.getField(f.name()).schema(), e.name());
            }
            record.put(f.name(), v);
        }
        return record;
    }

    /** Magic byte 0, the schema id, then the Avro binary of {@code record}. */
    public static byte[] frame(int id, Schema schema, GenericRecord record) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0);
            out.write(ByteBuffer.allocate(4).putInt(id).array());
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
