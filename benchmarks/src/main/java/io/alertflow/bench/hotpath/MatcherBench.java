package io.alertflow.bench.hotpath;

import io.alertflow.avro.MaintenanceWindow;
import io.alertflow.avro.Matcher;
import io.alertflow.avro.Recurrence;
import io.alertflow.maintenance.CompiledWindow;
import io.alertflow.maintenance.LabelMatcher;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Maintenance matcher evaluation: one equality and one RE2 regex matcher, and a whole recurring window check. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MatcherBench {
    private final Map<String, String> labels = Map.of("alertname", "HighErrorRate", "service", "svc-042",
            "instance", "svc-042-0:9100", "job", "node", "severity", "critical");
    private final LabelMatcher equal = LabelMatcher.of("service", "=", "svc-042");
    private final LabelMatcher regex = LabelMatcher.of("service", "=~", "svc-0[0-4][0-9]|payments-.*");
    private final Instant at = Instant.parse("2026-11-21T01:30:00Z");
    private final CompiledWindow recurring = CompiledWindow.compile(MaintenanceWindow.newBuilder().setId("w").setName("nightly")
            .setMatchers(List.of(Matcher.newBuilder().setLabel("service").setOp("=~").setValue("svc-0[0-4][0-9]").build(),
                    Matcher.newBuilder().setLabel("severity").setOp("!=").setValue("info").build()))
            .setStartsAt(Instant.parse("2026-01-01T00:00:00Z")).setEndsAt(Instant.parse("2027-01-01T00:00:00Z"))
            .setRecurrence(Recurrence.newBuilder().setRrule("FREQ=DAILY;BYHOUR=2;BYMINUTE=0").setDurationMs(3_600_000L)
                    .setTimezone("Europe/Berlin").build())
            .build());

    @Benchmark
    public boolean equalityMatcher() {
        return equal.matches(labels);
    }

    @Benchmark
    public boolean regexMatcher() {
        return regex.matches(labels);
    }

    /** Both matchers plus the RRULE occurrence lookup at a time inside an occurrence (Europe/Berlin). */
    @Benchmark
    public Object recurringWindowSuppresses() {
        return recurring.suppresses(labels, at);
    }
}
