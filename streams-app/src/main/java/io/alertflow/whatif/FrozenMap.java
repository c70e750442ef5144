package io.alertflow.whatif;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A string map that nobody can change. A recording's alerts carry their labels and annotations as frozen maps
 * ({@link RecordCopy#freeze}), so each run's copy of an alert can share them instead of copying them, and one map
 * serves every re-send of an alert. A processor that tried to change one would fail with
 * {@link UnsupportedOperationException} rather than change the recording.
 *
 * <p>Keys and values sit in one array, in the order a {@code HashMap} of the map's size filled in its order iterates
 * (the map Avro's decoder builds from the same record), and a lookup scans it. Every alert's labels are read several
 * times on its way (validation walks them, correlation looks up a few), and in a run over thousands of alerts the
 * labels of the one at hand are rarely in the CPU cache: one array is one miss, where a hash map's table, nodes
 * and view wrapper are one each. Labels are a handful of entries; a larger map also gets a hash index for lookups.
 */
final class FrozenMap extends AbstractMap<String, String> {
    /** Above this many entries a lookup goes through an index instead of a scan. */
    static final int SCAN_LIMIT = 8;

    /** Key i at 2i, its value at 2i + 1. */
    private final String[] keysAndValues;
    /** Key → value, only for maps larger than {@link #SCAN_LIMIT}. */
    private final Map<String, String> index;

    /** A frozen copy of {@code source}, iterated as a {@code HashMap} of its size filled in its order would be. */
    FrozenMap(Map<String, String> source) {
        Map<String, String> ordered = new HashMap<>(source.size());
        ordered.putAll(source);
        keysAndValues = new String[2 * ordered.size()];
        int i = 0;
        for (Map.Entry<String, String> e : ordered.entrySet()) {
            keysAndValues[i++] = e.getKey();
            keysAndValues[i++] = e.getValue();
        }
        index = ordered.size() > SCAN_LIMIT ? ordered : null;
    }

    @Override
    public String get(Object key) {
        if (index != null) {
            return index.get(key);
        }
        int i = find(key);
        return i < 0 ? null : keysAndValues[i + 1];
    }

    @Override
    public boolean containsKey(Object key) {
        return index != null ? index.containsKey(key) : find(key) >= 0;
    }

    /** Position of {@code key} in {@link #keysAndValues}, -1 when absent. */
    private int find(Object key) {
        for (int i = 0; i < keysAndValues.length; i += 2) {
            String k = keysAndValues[i];
            if (k == key || k != null && k.equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return keysAndValues.length / 2;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super String> action) {
        for (int i = 0; i < keysAndValues.length; i += 2) {
            action.accept(keysAndValues[i], keysAndValues[i + 1]);
        }
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keysAndValues.length;
                    }

                    @Override
                    public Entry<String, String> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, String> e = new SimpleImmutableEntry<>(keysAndValues[next], keysAndValues[next + 1]);
                        next += 2;
                        return e;
                    }
                };
            }

            @Override
            public int size() {
                return keysAndValues.length / 2;
            }
        };
    }
}
