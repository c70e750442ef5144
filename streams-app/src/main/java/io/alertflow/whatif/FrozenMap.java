package io.alertflow.whatif;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A string map that nobody can change: a private copy behind a read-only view. A recording's alerts carry their
 * labels and annotations as frozen maps ({@link RecordCopy#freeze}), so each run's copy of an alert can share them
 * instead of copying them, and one map serves every re-send of an alert. A processor that tried to change one would
 * fail with {@link UnsupportedOperationException} rather than change the recording.
 */
final class FrozenMap extends AbstractMap<String, String> {
    private final Map<String, String> view;

    /**
     * A frozen copy of {@code source}, iterated in the order a {@code HashMap} of its size filled in its order
     * iterates (the map Avro's decoder builds from the same record).
     */
    FrozenMap(Map<String, String> source) {
        Map<String, String> copy = new HashMap<>(source.size());
        copy.putAll(source);
        this.view = Collections.unmodifiableMap(copy);
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return view.entrySet();
    }

    @Override
    public String get(Object key) {
        return view.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return view.containsKey(key);
    }

    @Override
    public int size() {
        return view.size();
    }
}
