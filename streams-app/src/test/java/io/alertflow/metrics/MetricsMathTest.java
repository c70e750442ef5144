package io.alertflow.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.alertflow.avro.NoiseReport;
import io.alertflow.avro.ServiceMetrics;
import io.alertflow.avro.ServiceMetricsState;
import io.alertflow.avro.Tally;
import io.alertflow.avro.TallyKind;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MetricsMathTest {
    static final Instant AT = Instant.parse("2026-11-21T10:15:00Z");

    static Tally tally(TallyKind kind, long count, Long tta, Long ttr, boolean flap) {
        return Tally.newBuilder().setKind(kind).setService("payments-db").setAlertname("DiskFull").setCount(count)
                .setTtaMs(tta).setTtrMs(ttr).setFlap(flap).setAt(AT).build();
    }

    static Stream<Arguments> percentiles() {
        return Stream.of(
                Arguments.of("no samples", List.of(), null),
                Arguments.of("one sample", List.of(5L), 5.0),
                Arguments.of("ten samples: the 9th", List.of(10L, 1L, 9L, 2L, 8L, 3L, 7L, 4L, 6L, 5L), 9.0),
                Arguments.of("eleven samples: nearest rank 10", List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L), 10.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("percentiles")
    void p90IsTheNearestRank(String name, List<Long> samples, Double expected) {
        assertEquals(expected, ServiceMetricsMath.percentile(samples, 0.9));
    }

    @Test
    void serviceHourFoldsCountsAndResponseTimes() {
        ServiceMetricsState s = ServiceMetricsMath.empty();
        ServiceMetricsMath.add(s, tally(TallyKind.FIRED, 1, null, null, false));
        ServiceMetricsMath.add(s, tally(TallyKind.FIRED, 1, null, null, true));
        ServiceMetricsMath.add(s, tally(TallyKind.DUPLICATES, 40, null, null, false));
        ServiceMetricsMath.add(s, tally(TallyKind.SUPPRESSED, 1, null, null, false));
        ServiceMetricsMath.add(s, tally(TallyKind.INCIDENT_OPENED, 1, null, null, false));
        ServiceMetricsMath.add(s, tally(TallyKind.INCIDENT_RESOLVED, 1, 60_000L, 600_000L, false));
        ServiceMetricsMath.add(s, tally(TallyKind.INCIDENT_RESOLVED, 1, null, 1_200_000L, false));
        ServiceMetrics m = ServiceMetricsMath.render("payments-db", AT, AT.plusSeconds(3600), s);
        assertEquals(3, m.getAlerts(), "two fired and one suppressed were received");
        assertEquals(40, m.getDuplicates());
        assertEquals(1, m.getSuppressed());
        assertEquals(1, m.getIncidentsOpened());
        assertEquals(60_000.0, m.getMttaMs(), "MTTA averages acknowledged incidents only");
        assertEquals(900_000.0, m.getMttrMs());
        assertEquals(1_200_000.0, m.getP90TtrMs());
    }

    @Test
    void emptyHourHasNoAverages() {
        ServiceMetrics m = ServiceMetricsMath.render("x", AT, AT, ServiceMetricsMath.empty());
        assertNull(m.getMttaMs());
        assertNull(m.getMttrMs());
        assertNull(m.getP90TtrMs());
    }

    @Test
    void noiseReportCountsFlapsAndUnacknowledgedIncidents() {
        Tally first = tally(TallyKind.FIRED, 1, null, null, false);
        NoiseReport r = NoiseMath.empty("DiskFull", "payments-db", first);
        NoiseMath.add(r, first);
        NoiseMath.add(r, tally(TallyKind.FIRED, 1, null, null, true));
        NoiseMath.add(r, tally(TallyKind.DUPLICATES, 7, null, null, false));
        NoiseMath.add(r, tally(TallyKind.SUPPRESSED, 1, null, null, false));
        NoiseMath.add(r, tally(TallyKind.MEMBER_RESOLVED, 1, null, 1L, false));
        NoiseMath.add(r, tally(TallyKind.MEMBER_RESOLVED, 1, 5L, 1L, false));
        NoiseMath.add(r, tally(TallyKind.INCIDENT_OPENED, 1, null, null, false));
        assertEquals(3, r.getFired());
        assertEquals(1, r.getFlaps());
        assertEquals(7, r.getDuplicates());
        assertEquals(1, r.getSuppressed());
        assertEquals(2, r.getIncidents());
        assertEquals(1, r.getResolvedWithoutAck());
        assertEquals("DiskFull@payments-db", NoiseMath.ruleKey("DiskFull", "payments-db"));
    }
}
