package io.alertflow.whatif;

import io.alertflow.avro.RawAlert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Copies of the recorded alerts for a run. Each run hands every processor its own copy of each alert, as decoding it
 * would give, so that no processor can change the recording ({@code --compare} plays it twice); Avro's
 * {@code deepCopy} of every alert was 11 % of a what-if run.
 *
 * <p>Two steps. When a recording is made, {@link #freeze} gives each alert one shared object per distinct value:
 * string maps (labels, annotations) become {@link FrozenMap}s that nobody can change, and equal strings, instants and
 * maps are one object; the re-sends that are most of a recording then share one label map, instead of each bringing
 * its own to memory (and to the CPU cache, per record, per run). Per run, {@link #of} copies only the alert record
 * itself: its immutable values and frozen maps are shared.
 */
final class RecordCopy {
    private RecordCopy() {
    }

    /**
     * A copy of {@code alert} for one run; null stays null. Built with the record's constructor: the values are shared
     * as they are, without a look at each one's type, and a field added to RawAlert changes the constructor, so this
     * stops compiling until the field is copied here too. Frozen maps are shared; a map that is not frozen (a
     * recording made without {@link #freeze}) is copied.
     */
    static RawAlert of(RawAlert alert) {
        if (alert == null) {
            return null;
        }
        return new RawAlert(alert.getFingerprint(), alert.getSource(), alert.getStatus(), alert.getSeverity(),
                shared(alert.getLabels()), shared(alert.getAnnotations()), alert.getStartsAt(), alert.getEndsAt(),
                alert.getReceivedAt(), alert.getGeneratorUrl(), alert.getValue());
    }

    private static Map<String, String> shared(Map<String, String> map) {
        if (map == null || map instanceof FrozenMap) {
            return map;
        }
        // A HashMap sized as Avro's decoder sizes it, filled in the same order: the same iteration order.
        Map<String, String> copy = new HashMap<>(map.size());
        copy.putAll(map);
        return copy;
    }

    /**
     * A copy of {@code record} for a recording: equal to it, its string maps frozen, and every string, instant and
     * string map it holds replaced by the equal one {@code shared} already has (the first seen). The original is
     * not changed.
     */
    @SuppressWarnings("unchecked")
    static <T extends SpecificRecord> T freeze(T record, Shared shared) {
        if (record == null) {
            return null;
        }
        Schema schema = record.getSchema();
        T copy = (T) SpecificData.newInstance(record.getClass(), schema);
        for (Schema.Field field : schema.getFields()) {
            copy.put(field.pos(), frozen(field.schema(), record.get(field.pos()), shared));
        }
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object frozen(Schema schema, Object value, Shared shared) {
        if (value instanceof String || value instanceof Instant) {
            return shared.one(value);
        }
        if (value instanceof FrozenMap map) {
            return shared.one(map);
        }
        if (immutable(value)) {
            return value;
        }
        if (value instanceof SpecificRecord nested) {
            return freeze(nested, shared);
        }
        if (value instanceof Map<?, ?> map && strings(map)) {
            Map<String, String> canonical = new LinkedHashMap<>();
            ((Map<String, String>) map).forEach((k, v) -> canonical.put(shared.one(k), shared.one(v)));
            return shared.one(new FrozenMap(canonical));
        }
        return SpecificData.get().deepCopy(schema, value);
    }

    /** One object per distinct value, for the records of one recording. */
    static final class Shared {
        private final Map<Object, Object> values = new HashMap<>();
        /** By entries in iteration order: equal maps that iterate differently stay apart, so no order changes. */
        private final Map<List<Map.Entry<String, String>>, FrozenMap> maps = new HashMap<>();

        String one(String value) {
            return (String) values.computeIfAbsent(value, v -> v);
        }

        Object one(Object value) {
            return values.computeIfAbsent(value, v -> v);
        }

        private FrozenMap one(FrozenMap map) {
            return maps.computeIfAbsent(new ArrayList<>(map.entrySet()), e -> map);
        }
    }

    private static boolean strings(Map<?, ?> map) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String) || !(e.getValue() instanceof String)) {
                return false;
            }
        }
        return true;
    }

    private static boolean immutable(Object value) {
        return value == null || value instanceof String || value instanceof Instant || value instanceof Enum<?>
                || value instanceof Number || value instanceof Boolean;
    }
}
