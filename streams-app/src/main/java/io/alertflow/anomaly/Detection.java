package io.alertflow.anomaly;

import io.alertflow.avro.Anomaly;
import io.alertflow.avro.AnomalyKind;
import java.time.Instant;

/**
 * One verdict of a detector, free of Kafka: an anomaly was raised or cleared for the window
 * {@code [windowStart, windowEnd)}.
 *
 * @param cleared     false when raised, true when the rate returned to normal
 * @param baseline    what was expected (alerts per minute, or the series' level at the start of the window)
 * @param observed    what was seen (alerts per minute, or the slope in % of the baseline per hour)
 * @param windowStart start of the evaluated window, epoch ms
 * @param windowEnd   end of the evaluated window, epoch ms; the anomaly's time
 * @param detail      what was seen, in a sentence for a person
 */
public record Detection(boolean cleared, double baseline, double observed, long windowStart, long windowEnd,
                        String detail) {

    /** The {@link Anomaly} record of this verdict for a service (and, for metric anomalies, a series). */
    public Anomaly toAnomaly(AnomalyKind kind, String service, String series) {
        return Anomaly.newBuilder()
                .setKind(kind)
                .setService(service)
                .setSeries(series)
                .setBaseline(baseline)
                .setObserved(observed)
                .setWindowStart(Instant.ofEpochMilli(windowStart))
                .setWindowEnd(Instant.ofEpochMilli(windowEnd))
                .setDetail(detail)
                .setCleared(cleared)
                .build();
    }
}
