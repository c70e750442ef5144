package io.alertflow.metrics;

import io.alertflow.avro.NoiseReport;
import io.alertflow.avro.Tally;

/**
 * Folds tallies into the noise report of one alert rule (alertname + service): how often it fired,
 * was re-sent, flapped, was suppressed, and how many of its incidents resolved without anyone
 * acknowledging them (false-positive candidates).
 */
public final class NoiseMath {
    private NoiseMath() {
    }

    /** The key of an alert rule. */
    public static String ruleKey(String alertname, String service) {
        return service == null ? alertname : alertname + "@" + service;
    }

    /** A report with nothing counted yet. */
    public static NoiseReport empty(String alertname, String service, Tally first) {
        return NoiseReport.newBuilder().setAlertname(alertname).setService(service).setUpdatedAt(first.getAt()).build();
    }

    /** Adds one tally (in place) and returns the report. */
    public static NoiseReport add(NoiseReport r, Tally t) {
        switch (t.getKind()) {
            case FIRED -> {
                r.setFired(r.getFired() + t.getCount());
                if (t.getFlap()) {
                    r.setFlaps(r.getFlaps() + t.getCount());
                }
            }
            case DUPLICATES -> r.setDuplicates(r.getDuplicates() + t.getCount());
            case SUPPRESSED -> {
                // The rule fired; a window held it back.
                r.setFired(r.getFired() + t.getCount());
                r.setSuppressed(r.getSuppressed() + t.getCount());
            }
            case MEMBER_RESOLVED -> {
                r.setIncidents(r.getIncidents() + 1);
                if (t.getTtaMs() == null) {
                    r.setResolvedWithoutAck(r.getResolvedWithoutAck() + 1);
                }
            }
            default -> {
                return r; // service-level tallies do not concern a rule
            }
        }
        if (t.getAt().isAfter(r.getUpdatedAt())) {
            r.setUpdatedAt(t.getAt());
        }
        return r;
    }
}
