package io.alertflow.maintenance;

import io.alertflow.avro.MaintenanceWindow;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The maintenance windows as one task sees them: read from the global store (hot-reloaded by the global
 * thread) and compiled once per window version, so regexes and RRULEs are not re-parsed per alert.
 * A window that does not compile never matches.
 */
final class WindowCatalog {
    private final ReadOnlyKeyValueStore<String, MaintenanceWindow> store;
    private final Map<String, Optional<CompiledWindow>> compiled = new HashMap<>();
    private final Map<String, MaintenanceWindow> versions = new HashMap<>();

    WindowCatalog(ReadOnlyKeyValueStore<String, MaintenanceWindow> store) {
        this.store = store;
    }

    /** A window covering an alert: which one and when its current occurrence ends. */
    record Hold(String windowId, String windowName, Instant endsAt) {
    }

    /** The covering window whose occurrence ends last (so the alert is released once), or empty. */
    Optional<Hold> covering(Map<String, String> labels, Instant at) {
        Hold best = null;
        Set<String> seen = new HashSet<>();
        try (KeyValueIterator<String, MaintenanceWindow> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, MaintenanceWindow> entry = it.next();
                seen.add(entry.key);
                Optional<Instant> end = compile(entry.key, entry.value).flatMap(w -> w.suppresses(labels, at));
                if (end.isPresent() && (best == null || end.get().isAfter(best.endsAt()))) {
                    best = new Hold(entry.key, entry.value.getName(), end.get());
                }
            }
        }
        compiled.keySet().retainAll(seen);
        versions.keySet().retainAll(seen);
        return Optional.ofNullable(best);
    }

    /** Whether the window is gone or was replaced by another version since it was last compiled. */
    boolean changed(String windowId) {
        MaintenanceWindow current = store.get(windowId);
        return current == null || !current.equals(versions.get(windowId));
    }

    private Optional<CompiledWindow> compile(String id, MaintenanceWindow window) {
        if (!window.equals(versions.get(id))) {
            versions.put(id, window);
            Optional<CompiledWindow> result;
            try {
                result = Optional.of(CompiledWindow.compile(window));
            } catch (IllegalArgumentException e) {
                // Invalid windows are dead-lettered by the window check; one that slips through never matches.
                result = Optional.empty();
            }
            compiled.put(id, result);
        }
        return compiled.get(id);
    }
}
