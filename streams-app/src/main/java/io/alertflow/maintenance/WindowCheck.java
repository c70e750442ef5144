package io.alertflow.maintenance;

import io.alertflow.alert.Violation;
import io.alertflow.avro.MaintenanceWindow;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Deserializer;

/** Decides, from the bytes of a {@code maintenance.windows} record, whether the window may be loaded; Kafka-free. */
final class WindowCheck {
    private final Deserializer<MaintenanceWindow> deserializer;

    WindowCheck(Deserializer<MaintenanceWindow> deserializer) {
        this.deserializer = deserializer;
    }

    /** Null when the window is valid (or a deletion), else the sentence for the dead letter. */
    String problem(String topic, String key, byte[] value) {
        if (value == null) {
            return null;
        }
        MaintenanceWindow window;
        try {
            window = deserializer.deserialize(topic, value);
        } catch (RuntimeException e) {
            return "cannot deserialize a MaintenanceWindow: " + e.getMessage()
                    + "; the producer must write Confluent-framed Avro with a registered MaintenanceWindow schema";
        }
        List<Violation> violations = WindowValidator.validate(window);
        if (key == null || !key.equals(window.getId())) {
            violations.add(new Violation("id", "the record key '" + key + "' differs from the window id '" + window.getId()
                    + "'; key the record by the window id so a tombstone can delete it"));
        }
        if (violations.isEmpty()) {
            return null;
        }
        return "maintenance window " + window.getId() + " is invalid and will never match: "
                + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }
}
