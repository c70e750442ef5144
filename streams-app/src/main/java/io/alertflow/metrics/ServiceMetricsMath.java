package io.alertflow.metrics;

import io.alertflow.avro.ServiceMetrics;
import io.alertflow.avro.ServiceMetricsState;
import io.alertflow.avro.Tally;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds tallies into a per-service hourly aggregate and renders it as {@link ServiceMetrics}: counts,
 * MTTA, MTTR and the 90th percentile of TTR (nearest-rank over a bounded sample: the first
 * {@link #MAX_SAMPLES} resolutions of the hour, which covers any realistic service).
 */
public final class ServiceMetricsMath {
    /** Most TTR samples kept per service-hour. */
    public static final int MAX_SAMPLES = 1000;

    private ServiceMetricsMath() {
    }

    /** An empty aggregate. */
    public static ServiceMetricsState empty() {
        return ServiceMetricsState.newBuilder().setTtrSamplesMs(new ArrayList<>()).build();
    }

    /** Adds one tally to the aggregate (in place) and returns it. */
    public static ServiceMetricsState add(ServiceMetricsState s, Tally t) {
        switch (t.getKind()) {
            case FIRED -> s.setAlerts(s.getAlerts() + t.getCount());
            case DUPLICATES -> s.setDuplicates(s.getDuplicates() + t.getCount());
            case SUPPRESSED -> {
                // A suppressed alert was still received: it counts as an alert and as suppressed.
                s.setAlerts(s.getAlerts() + t.getCount());
                s.setSuppressed(s.getSuppressed() + t.getCount());
            }
            case INCIDENT_OPENED -> s.setIncidentsOpened(s.getIncidentsOpened() + t.getCount());
            case INCIDENT_RESOLVED -> addResolution(s, t);
            default -> {
                // MEMBER_RESOLVED feeds the noise report only.
            }
        }
        return s;
    }

    private static void addResolution(ServiceMetricsState s, Tally t) {
        if (t.getTtaMs() != null) {
            s.setTtaSumMs(s.getTtaSumMs() + t.getTtaMs());
            s.setTtaCount(s.getTtaCount() + 1);
        }
        if (t.getTtrMs() != null) {
            s.setTtrSumMs(s.getTtrSumMs() + t.getTtrMs());
            s.setTtrCount(s.getTtrCount() + 1);
            if (s.getTtrSamplesMs().size() < MAX_SAMPLES) {
                List<Long> samples = new ArrayList<>(s.getTtrSamplesMs());
                samples.add(t.getTtrMs());
                s.setTtrSamplesMs(samples);
            }
        }
    }

    /** The public record of one service-hour. */
    public static ServiceMetrics render(String service, Instant windowStart, Instant windowEnd, ServiceMetricsState s) {
        return ServiceMetrics.newBuilder()
                .setService(service).setWindowStart(windowStart).setWindowEnd(windowEnd)
                .setIncidentsOpened(s.getIncidentsOpened()).setAlerts(s.getAlerts())
                .setDuplicates(s.getDuplicates()).setSuppressed(s.getSuppressed())
                .setMttaMs(s.getTtaCount() == 0 ? null : (double) s.getTtaSumMs() / s.getTtaCount())
                .setMttrMs(s.getTtrCount() == 0 ? null : (double) s.getTtrSumMs() / s.getTtrCount())
                .setP90TtrMs(percentile(s.getTtrSamplesMs(), 0.90))
                .build();
    }

    /** Nearest-rank percentile; null for no samples. */
    public static Double percentile(List<Long> samples, double p) {
        if (samples.isEmpty()) {
            return null;
        }
        List<Long> sorted = new ArrayList<>(samples);
        sorted.sort(null);
        int rank = (int) Math.ceil(p * sorted.size());
        return (double) sorted.get(Math.max(0, rank - 1));
    }
}
