package io.alertflow.gateway;

import io.alertflow.avro.RawAlert;
import io.alertflow.gateway.http.OutgoingRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Turns the alerts of one request into records for {@code alerts.raw}, keyed by fingerprint and
 * timestamped with receivedAt, after every alert passed validation (all or nothing per request).
 */
public final class AlertRecords {
    private final AlertAdmission admission;
    private final String topic;

    public AlertRecords(AlertAdmission admission, String topic) {
        this.admission = admission;
        this.topic = topic;
    }

    /** Validates every alert ({@code path} names alert i in errors) and returns their records. */
    public List<OutgoingRecord> admit(List<RawAlert> alerts, IntFunction<String> path) {
        List<OutgoingRecord> records = new ArrayList<>(alerts.size());
        for (int i = 0; i < alerts.size(); i++) {
            RawAlert alert = alerts.get(i);
            admission.admit(alert, path.apply(i));
            records.add(new OutgoingRecord(topic, alert.getFingerprint(), alert, alert.getReceivedAt()));
        }
        return records;
    }
}
