package io.alertflow.maintenance;

import io.alertflow.streams.state.StateStores;
import io.alertflow.avro.AlertChange;
import io.alertflow.avro.DeadLetter;
import io.alertflow.avro.MaintenanceWindow;
import io.alertflow.avro.SuppressedAlert;
import io.alertflow.dlq.DeadLetters;
import io.alertflow.streams.config.AlertflowConfig;
import io.alertflow.streams.topics.Topics;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Stage 3 (SPEC §3.3): maintenance windows, checked and loaded on every instance, suppress the new
 * occurrences they cover; alerts still firing at the window's end are released.
 *
 * <p>Windows take two hops: {@code maintenance.windows} → check (invalid → DLQ, tombstone) →
 * {@code maintenance.windows.valid} → global store. A global store alone cannot dead-letter (not supported by
 * Kafka 4.3 for global threads) and a topic cannot feed both a stream and a global store.
 */
public final class Maintenance {
    public static final String WINDOWS_SOURCE = "maintenance-windows-source";
    public static final String WINDOW_CHECK = "maintenance-window-check";
    public static final String VALID_WINDOWS_SINK = "maintenance-windows-valid-sink";
    /** The global store's processor; Kafka names its source {@code maintenance-windows-load-source}. */
    public static final String WINDOW_LOADER = "maintenance-windows-load";
    /** Global store: window id → MaintenanceWindow (valid ones only). */
    public static final String WINDOWS_STORE = "maintenance-windows-store";
    /** Fingerprint → the held FIRED change, {@code releasedFrom} = holding window; bounded by suppressed firing alerts. */
    public static final String SUPPRESSED_STORE = "suppressed-store";
    /** (window end, fingerprint) timer index of {@link #SUPPRESSED_STORE}. */
    public static final String RELEASES = "suppressed-releases";
    public static final String PROCESSOR = "suppress";

    private Maintenance() {
    }

    /** The outputs of suppression. */
    public record Maintained(KStream<String, AlertChange> changes, KStream<String, SuppressedAlert> suppressed) {
    }

    /** Adds the window check (invalid → DLQ) and the global window store every task reads. */
    public static void loadWindows(StreamsBuilder builder, Topics topics, StateStores stores) {
        KStream<byte[], Object> checked = builder
                .stream(topics.maintenanceWindows().name(), topics.maintenanceWindows().bytes().consumed(WINDOWS_SOURCE))
                .process(() -> new WindowCheckProcessor(new WindowCheck(topics.valueSerde(MaintenanceWindow.class).deserializer())),
                        Named.as(WINDOW_CHECK));
        Map<String, KStream<byte[], Object>> branches = checked.split(Named.as("maintenance-window-"))
                .branch((k, v) -> v instanceof DeadLetter, Branched.as("invalid"))
                .defaultBranch(Branched.as("valid"));
        DeadLetters.sink(branches.get("maintenance-window-invalid").mapValues(v -> (DeadLetter) v,
                Named.as("maintenance-window-letter")), topics, "maintenance-window");
        branches.get("maintenance-window-valid")
                .mapValues(v -> (byte[]) v, Named.as("maintenance-window-bytes"))
                .to(topics.maintenanceWindowsValid().name(),
                        Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(VALID_WINDOWS_SINK));

        String validTopic = topics.maintenanceWindowsValid().name();
        builder.addGlobalStore(
                stores.global(WINDOWS_STORE, Serdes.String(), topics.valueSerde(MaintenanceWindow.class)),
                validTopic,
                topics.maintenanceWindowsValid().bytes().consumed(WINDOW_LOADER),
                () -> new WindowStoreUpdater(topics.valueSerde(MaintenanceWindow.class).deserializer(), validTopic));
    }

    /** Adds suppression after deduplication; needs {@link #loadWindows} in the same topology. */
    public static Maintained suppress(StreamsBuilder builder, KStream<String, AlertChange> changes, Topics topics,
                                      AlertflowConfig cfg) {
        StateStores stores = cfg.stateStores();
        builder.addStateStore(stores.keyValue(SUPPRESSED_STORE, Serdes.String(), topics.alertChangeSerde()));
        builder.addStateStore(stores.keyValue(RELEASES, Serdes.Bytes(), Serdes.ByteArray()));
        Map<String, KStream<String, MaintenanceOutcome>> outcomes = changes
                .process(() -> new SuppressionProcessor(cfg.timers()), Named.as(PROCESSOR), SUPPRESSED_STORE, RELEASES)
                .split(Named.as("suppress-"))
                .branch((k, v) -> v instanceof MaintenanceOutcome.Suppressed, Branched.as("held"))
                .defaultBranch(Branched.as("passed"));
        KStream<String, SuppressedAlert> suppressed = outcomes.get("suppress-held")
                .mapValues(v -> ((MaintenanceOutcome.Suppressed) v).suppressed(), Named.as("suppress-held-alert"));
        suppressed.to(topics.alertsSuppressed().name(), topics.alertsSuppressed().produced("alerts-suppressed-sink"));
        KStream<String, AlertChange> passed = outcomes.get("suppress-passed")
                .mapValues(v -> ((MaintenanceOutcome.Passed) v).change(), Named.as("suppress-passed-change"));
        return new Maintained(passed, suppressed);
    }
}
