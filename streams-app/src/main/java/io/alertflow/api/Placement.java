package io.alertflow.api;

import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/** Where the partitions of the stores live among the instances of the application. */
public interface Placement {

    /**
     * The instance holding the active copy of {@code key}'s partition of {@code store}, or empty when that is
     * this instance; throws {@link Unavailable} while the assignment is unknown (rebalancing).
     */
    Optional<HostInfo> remoteOwner(String store, String key);

    /** Every other instance of the application, for queries that fan out. */
    List<HostInfo> otherInstances();

    /** A single instance: everything is local. */
    static Placement single() {
        return new Placement() {
            @Override
            public Optional<HostInfo> remoteOwner(String store, String key) {
                return Optional.empty();
            }

            @Override
            public List<HostInfo> otherInstances() {
                return List.of();
            }
        };
    }
}
