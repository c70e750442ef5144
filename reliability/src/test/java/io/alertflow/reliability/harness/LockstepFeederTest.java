package io.alertflow.reliability.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.avro.AlertStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The lockstep plan: no step jumps stream time past the stale deadline of a probe that is still firing. */
class LockstepFeederTest {
    private static final Duration STEP = Duration.ofSeconds(90);
    private static final Duration STALE_AFTER = Duration.ofMinutes(5);
    private static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of("8,000 records: gaps between episodes and before the sentinels", 8_000),
                Arguments.of("20,000 records: the CI subset", 20_000),
                Arguments.of("200,000 records: the full run, only the sentinels after a gap", 200_000));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void noStepAfterAGapPassesTheStaleDeadlineOfAFiringProbe(String name, int records) {
        List<LockstepFeeder.Step> plan = LockstepFeeder.plan(CrashScenario.generate(records, NOW), STEP, STALE_AFTER);
        Map<String, Instant> firing = new LinkedHashMap<>();
        Instant reached = null;
        for (LockstepFeeder.Step step : plan) {
            Instant latest = step.inputs().stream().map(CrashScenario.Input::at).max(Instant::compareTo).orElseThrow();
            for (CrashScenario.Input in : step.inputs()) {
                String service = in.alert().getLabels().get("service");
                if (in.alert().getStatus() == AlertStatus.RESOLVED && firing.containsKey(service)) {
                    assertTrue(in.at().isBefore(firing.get(service).plus(STALE_AFTER)), service + " resolved before it goes stale");
                    firing.remove(service);
                }
            }
            if (reached != null && Duration.between(reached, latest).compareTo(STEP.multipliedBy(2)) > 0) {
                Instant before = reached;
                firing.forEach((service, at) -> assertTrue(!at.plus(STALE_AFTER).isAfter(before),
                        service + " still firing when stream time jumps from " + before + " to " + latest));
            }
            step.inputs().stream().filter(in -> in.alert().getLabels().get("service").equals(step.probeService()))
                    .forEach(in -> firing.put(step.probeService(), in.at()));
            reached = latest;
        }
    }

    @Test
    void theLastProbesOfTheFullRunAreResolvedByNotificationsBeforeTheSentinels() {
        List<LockstepFeeder.Step> plan = LockstepFeeder.plan(CrashScenario.generate(200_000, NOW), STEP, STALE_AFTER);
        LockstepFeeder.Step sentinels = plan.get(plan.size() - 1);
        List<String> first = new ArrayList<>();
        for (CrashScenario.Input in : sentinels.inputs()) {
            if (in.alert().getStatus() != AlertStatus.RESOLVED) {
                break;
            }
            first.add(in.alert().getLabels().get("service"));
        }
        // The services of the 200,000-record finding: the reference escalated 00127-00129 instead of resolving them.
        assertEquals(List.of("zz-probe-00126", "zz-probe-00127", "zz-probe-00128", "zz-probe-00129"), first);
        assertEquals(CrashScenario.SENTINEL_SERVICE, sentinels.inputs().get(first.size()).alert().getLabels().get("service"));
        long explicit = plan.stream().flatMap(s -> s.inputs().stream())
                .filter(in -> in.alert().getStatus() == AlertStatus.RESOLVED && in.alert().getLabels().get("service").startsWith("zz-probe-"))
                .count();
        assertEquals(4, explicit, "every other probe is left to stale resolution");
    }
}
