package io.alertflow.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Builds a populated instance of any generated record class from its schema alone (every optional field set),
 * so tests cover record types added after they were written.
 */
public final class SchemaDrivenRecords {

    private static final int MAX_DEPTH = 6;

    private SchemaDrivenRecords() {
    }

    /** An instance of {@code type} with every field set to a non-default, non-null value where possible. */
    public static <T extends SpecificRecord> T instanceOf(Class<T> type) {
        Schema schema = SpecificData.getForClass(type).getSchema(type);
        Object generic = value(schema, 0);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<>(schema).write(generic, encoder);
            encoder.flush();
            SpecificDatumReader<T> reader = new SpecificDatumReader<>(schema, schema, SpecificData.getForClass(type));
            return reader.read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object value(Schema schema, int depth) {
        switch (schema.getType()) {
            case RECORD:
                GenericData.Record record = new GenericData.Record(schema);
                for (Schema.Field field : schema.getFields()) {
                    record.put(field.pos(), value(field.schema(), depth + 1));
                }
                return record;
            case UNION:
                return unionValue(schema, depth);
            case ENUM:
                return new GenericData.EnumSymbol(schema, schema.getEnumSymbols().get(0));
            case ARRAY:
                List<Object> items = new ArrayList<>();
                items.add(value(schema.getElementType(), depth + 1));
                return items;
            case MAP:
                Map<String, Object> map = new LinkedHashMap<>();
                map.put("key-" + depth, value(schema.getValueType(), depth + 1));
                return map;
            case FIXED:
                return new GenericData.Fixed(schema, new byte[schema.getFixedSize()]);
            case STRING:
                return "text-" + depth;
            case BYTES:
                return ByteBuffer.wrap(new byte[] {1, 2, 3});
            case INT:
                return 7 + depth;
            case LONG:
                return 1_741_944_413_000L + depth;
            case FLOAT:
                return 1.5f;
            case DOUBLE:
                return 2.25;
            case BOOLEAN:
                return true;
            default:
                return null;
        }
    }

    private static Object unionValue(Schema union, int depth) {
        for (Schema branch : union.getTypes()) {
            if (branch.getType() != Schema.Type.NULL && depth < MAX_DEPTH) {
                return value(branch, depth + 1);
            }
        }
        return null;
    }
}
