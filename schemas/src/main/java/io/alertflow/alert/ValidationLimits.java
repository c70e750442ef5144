package io.alertflow.alert;

import java.time.Duration;

/**
 * Limits an alert must respect to enter the pipeline; shared by the gateway and the stream so both
 * reject the same input.
 *
 * @param maxClockSkew how far in the future (relative to receivedAt) startsAt may be
 * @param maxAge how far in the past startsAt may be; older alerts are almost always a broken clock
 * @param maxLabels most labels (and most annotations) one alert may carry
 * @param maxNameLength longest label or annotation name, in characters
 * @param maxLabelValueLength longest label value, in characters
 * @param maxAnnotationValueLength longest annotation value, in characters
 */
public record ValidationLimits(
        Duration maxClockSkew,
        Duration maxAge,
        int maxLabels,
        int maxNameLength,
        int maxLabelValueLength,
        int maxAnnotationValueLength) {

    /** The defaults documented in docs/CONFIGURATION.md. */
    public static ValidationLimits defaults() {
        return new ValidationLimits(Duration.ofMinutes(5), Duration.ofDays(30), 64, 256, 4096, 65536);
    }
}
