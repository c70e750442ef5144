package io.alertflow.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads and writes any generated Avro record as JSON by its SPEC field names, driven by the record's
 * schema: timestamps as RFC 3339 strings (epoch millis accepted on input), enums as symbols,
 * nullable unions as plain values or null, bytes as base64. Missing fields take the schema default;
 * unknown fields and type mismatches are {@link RecordJsonException}s naming the field path.
 */
public final class RecordJson {
    /** Deepest JSON nesting accepted; the deepest record (Service) needs 4. */
    public static final int MAX_NESTING_DEPTH = 32;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(1 << 20)
                    .maxNumberLength(64)
                    .build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private RecordJson() {
    }

    /** The Jackson mapper with this project's input limits (nesting depth, string and number length). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses JSON text into a tree; malformed or too deeply nested JSON is a {@link RecordJsonException}. */
    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new RecordJsonException("", "invalid JSON: " + e.getOriginalMessage());
        }
    }

    /** Parses JSON bytes (UTF-8) into a tree; malformed JSON is a {@link RecordJsonException}. */
    public static JsonNode parse(byte[] json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            return node == null ? NullNode.getInstance() : node;
        } catch (JsonProcessingException e) {
            throw new RecordJsonException("", "invalid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new RecordJsonException("", "unreadable JSON: " + e.getMessage());
        }
    }

    /** Reads a record of the given generated class from JSON text. */
    public static <T extends SpecificRecord> T read(String json, Class<T> type) {
        return read(parse(json), type);
    }

    /** Reads a record of the given generated class from a JSON object. */
    public static <T extends SpecificRecord> T read(JsonNode json, Class<T> type) {
        Schema schema = SpecificData.get().getSchema(type);
        return type.cast(readRecord(json, schema, ""));
    }

    /** Reads a record of the class generated for the schema from a JSON object. */
    public static SpecificRecord read(JsonNode json, Schema schema) {
        return readRecord(json, schema, "");
    }

    /** Writes a record as a JSON object (field order of the schema; null fields written as null). */
    public static ObjectNode toJson(SpecificRecord record) {
        return (ObjectNode) write(record, record.getSchema());
    }

    /** Writes a record as compact JSON text. */
    public static String toJsonString(SpecificRecord record) {
        try {
            return MAPPER.writeValueAsString(toJson(record));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** Formats an instant as RFC 3339 in UTC, with as many fraction digits as it has (0, 3, 6 or 9). */
    public static String formatInstant(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /**
     * Parses an RFC 3339 timestamp with any number of fraction digits and a Z or numeric offset
     * (lower-case t and z accepted, as RFC 3339 allows).
     */
    public static Instant parseInstant(String text) {
        return Rfc3339.parse(text);
    }

    // ---- reading -------------------------------------------------------------------------------

    private static SpecificRecord readRecord(JsonNode json, Schema schema, String path) {
        if (json == null || !json.isObject()) {
            throw new RecordJsonException(path, "must be a JSON object (" + schema.getName() + "), got " + describe(json));
        }
        Object created = SpecificData.get().newRecord(null, schema);
        if (!(created instanceof SpecificRecord record)) {
            throw new IllegalArgumentException("no generated class for schema " + schema.getFullName());
        }
        rejectUnknownFields(json, schema, path);
        for (Schema.Field field : schema.getFields()) {
            String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
            JsonNode value = json.get(field.name());
            record.put(field.pos(), value == null ? defaultValue(field, fieldPath) : readValue(value, field.schema(), fieldPath));
        }
        return record;
    }

    private static void rejectUnknownFields(JsonNode json, Schema schema, String path) {
        Iterator<String> names = json.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (schema.getField(name) == null) {
                String fieldPath = path.isEmpty() ? name : path + "." + name;
                throw new RecordJsonException(fieldPath, "unknown field of " + schema.getName() + "; known fields are "
                        + schema.getFields().stream().map(Schema.Field::name).toList());
            }
        }
    }

    private static Object defaultValue(Schema.Field field, String path) {
        if (!field.hasDefaultValue()) {
            throw new RecordJsonException(path, "is required");
        }
        Object dflt = field.defaultVal();
        JsonNode json = dflt == JsonProperties.NULL_VALUE ? NullNode.getInstance() : MAPPER.valueToTree(dflt);
        return readValue(json, field.schema(), path);
    }

    private static Object readValue(JsonNode json, Schema schema, String path) {
        return switch (schema.getType()) {
            case NULL -> {
                if (!json.isNull()) {
                    throw new RecordJsonException(path, "must be null, got " + describe(json));
                }
                yield null;
            }
            case UNION -> readUnion(json, schema, path);
            case RECORD -> readRecord(json, schema, path);
            case ENUM -> readEnum(json, schema, path);
            case ARRAY -> readArray(json, schema, path);
            case MAP -> readMap(json, schema, path);
            case STRING -> readString(json, path);
            case INT -> readInt(json, path);
            case LONG -> readLong(json, schema, path);
            case FLOAT -> (float) readDouble(json, path);
            case DOUBLE -> readDouble(json, path);
            case BOOLEAN -> {
                if (!json.isBoolean()) {
                    throw new RecordJsonException(path, "must be true or false, got " + describe(json));
                }
                yield json.booleanValue();
            }
            case BYTES -> ByteBuffer.wrap(readBase64(json, path));
            case FIXED -> throw new RecordJsonException(path, "fixed fields are not supported");
        };
    }

    private static Object readUnion(JsonNode json, Schema schema, String path) {
        List<Schema> branches = schema.getTypes();
        if (json.isNull()) {
            if (branches.stream().anyMatch(s -> s.getType() == Schema.Type.NULL)) {
                return null;
            }
            throw new RecordJsonException(path, "must not be null");
        }
        RecordJsonException first = null;
        for (Schema branch : branches) {
            if (branch.getType() == Schema.Type.NULL) {
                continue;
            }
            try {
                return readValue(json, branch, path);
            } catch (RecordJsonException e) {
                first = first == null ? e : first;
            }
        }
        throw first != null ? first : new RecordJsonException(path, "must be null");
    }

    private static Object readEnum(JsonNode json, Schema schema, String path) {
        if (!json.isTextual() || !schema.hasEnumSymbol(json.textValue())) {
            throw new RecordJsonException(path, "must be one of " + schema.getEnumSymbols() + ", got " + describe(json));
        }
        return SpecificData.get().createEnum(json.textValue(), schema);
    }

    private static List<Object> readArray(JsonNode json, Schema schema, String path) {
        if (!json.isArray()) {
            throw new RecordJsonException(path, "must be a JSON array, got " + describe(json));
        }
        List<Object> out = new ArrayList<>(json.size());
        for (int i = 0; i < json.size(); i++) {
            out.add(readValue(json.get(i), schema.getElementType(), path + "[" + i + "]"));
        }
        return out;
    }

    private static Map<String, Object> readMap(JsonNode json, Schema schema, String path) {
        if (!json.isObject()) {
            throw new RecordJsonException(path, "must be a JSON object, got " + describe(json));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        json.fields().forEachRemaining(e -> out.put(e.getKey(), readValue(e.getValue(), schema.getValueType(), path + "." + e.getKey())));
        return out;
    }

    private static String readString(JsonNode json, String path) {
        if (!json.isTextual()) {
            throw new RecordJsonException(path, "must be a string, got " + describe(json));
        }
        return json.textValue();
    }

    private static int readInt(JsonNode json, String path) {
        if (!json.isIntegralNumber() || !json.canConvertToInt()) {
            throw new RecordJsonException(path, "must be a 32-bit integer, got " + describe(json));
        }
        return json.intValue();
    }

    private static Object readLong(JsonNode json, Schema schema, String path) {
        LogicalType logical = schema.getLogicalType();
        if (logical instanceof LogicalTypes.TimestampMillis) {
            return readInstant(json, path);
        }
        if (!json.isIntegralNumber() || !json.canConvertToLong()) {
            throw new RecordJsonException(path, "must be a 64-bit integer, got " + describe(json));
        }
        return json.longValue();
    }

    private static Instant readInstant(JsonNode json, String path) {
        if (json.isIntegralNumber() && json.canConvertToLong()) {
            return Instant.ofEpochMilli(json.longValue());
        }
        if (json.isTextual()) {
            try {
                return parseInstant(json.textValue()).truncatedTo(ChronoUnit.MILLIS);
            } catch (DateTimeParseException e) {
                throw new RecordJsonException(path, "must be an RFC 3339 timestamp (e.g. 2024-05-01T12:00:00.123Z) or epoch milliseconds, got "
                        + describe(json));
            }
        }
        throw new RecordJsonException(path, "must be an RFC 3339 timestamp or epoch milliseconds, got " + describe(json));
    }

    private static double readDouble(JsonNode json, String path) {
        if (!json.isNumber()) {
            throw new RecordJsonException(path, "must be a number, got " + describe(json));
        }
        return json.doubleValue();
    }

    private static byte[] readBase64(JsonNode json, String path) {
        if (!json.isTextual()) {
            throw new RecordJsonException(path, "must be a base64 string, got " + describe(json));
        }
        try {
            return Base64.getDecoder().decode(json.textValue());
        } catch (IllegalArgumentException e) {
            throw new RecordJsonException(path, "must be base64: " + e.getMessage());
        }
    }

    /** Names a JSON value's type for an error message, never echoing long input. */
    private static String describe(JsonNode json) {
        if (json == null || json.isMissingNode()) {
            return "nothing";
        }
        if (json.isTextual()) {
            String s = json.textValue();
            return "\"" + (s.length() > 40 ? s.substring(0, 37) + "..." : s) + "\"";
        }
        if (json.isValueNode()) {
            return json.asText();
        }
        return json.isArray() ? "an array" : "an object";
    }

    // ---- writing -------------------------------------------------------------------------------

    private static JsonNode write(Object value, Schema schema) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null) {
            return f.nullNode();
        }
        return switch (schema.getType()) {
            case NULL -> f.nullNode();
            case UNION -> write(value, unionBranch(schema, value));
            case RECORD -> writeRecord((SpecificRecord) value, schema);
            case ENUM, STRING -> f.textNode(value.toString());
            case ARRAY -> {
                ArrayNode array = f.arrayNode();
                ((Collection<?>) value).forEach(item -> array.add(write(item, schema.getElementType())));
                yield array;
            }
            case MAP -> {
                ObjectNode object = f.objectNode();
                ((Map<?, ?>) value).forEach((k, v) -> object.set(k.toString(), write(v, schema.getValueType())));
                yield object;
            }
            case INT -> f.numberNode(((Number) value).intValue());
            case LONG -> value instanceof Instant instant ? f.textNode(formatInstant(instant)) : f.numberNode(((Number) value).longValue());
            case FLOAT -> f.numberNode(((Number) value).floatValue());
            case DOUBLE -> f.numberNode(((Number) value).doubleValue());
            case BOOLEAN -> f.booleanNode((Boolean) value);
            case BYTES -> f.textNode(Base64.getEncoder().encodeToString(bytes((ByteBuffer) value)));
            case FIXED -> throw new IllegalArgumentException("fixed fields are not supported");
        };
    }

    /** The branch of a union a non-null value belongs to; nullable unions need no lookup. */
    private static Schema unionBranch(Schema union, Object value) {
        List<Schema> nonNull = union.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
        if (nonNull.size() == 1) {
            return nonNull.get(0);
        }
        return union.getTypes().get(SpecificData.get().resolveUnion(union, value));
    }

    private static ObjectNode writeRecord(SpecificRecord record, Schema schema) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        for (Schema.Field field : schema.getFields()) {
            object.set(field.name(), write(record.get(field.pos()), field.schema()));
        }
        return object;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
