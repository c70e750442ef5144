package io.alertflow.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.alert.Violation;
import io.alertflow.avro.MaintenanceWindow;
import io.alertflow.avro.Matcher;
import io.alertflow.avro.Recurrence;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WindowValidatorTest {
    private static final Instant START = Instant.parse("2025-06-01T00:00:00Z");

    static MaintenanceWindow.Builder valid() {
        return MaintenanceWindow.newBuilder().setId("w1").setName("db upgrade")
                .setMatchers(List.of(new Matcher("service", "=", "db")))
                .setStartsAt(START).setEndsAt(START.plusSeconds(3600))
                .setRecurrence(new Recurrence("FREQ=DAILY;BYHOUR=1;BYMINUTE=0", 3_600_000L, "Europe/Berlin"));
    }

    static Arguments violation(String name, Consumer<MaintenanceWindow.Builder> change, String field) {
        return Arguments.of(name, change, field);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                violation("bad regex", b -> b.setMatchers(List.of(new Matcher("service", "=~", "(db"))), "matchers[0]"),
                violation("unknown operator", b -> b.setMatchers(List.of(new Matcher("service", "~=", "db"))), "matchers[0]"),
                violation("matcher without label name", b -> b.setMatchers(List.of(new Matcher("", "=", "db"), new Matcher("env", "=", "prod"))), "matchers[0].label"),
                violation("no matchers would suppress everything", b -> b.setMatchers(List.of()), "matchers"),
                violation("only empty-matching matchers", b -> b.setMatchers(List.of(new Matcher("service", "=~", ".*"))), "matchers"),
                violation("bad RRULE", b -> b.setRecurrence(new Recurrence("FREQ=SOMETIMES", 60_000L, "UTC")), "recurrence.rrule"),
                violation("RRULE with garbage part", b -> b.setRecurrence(new Recurrence("FREQ=DAILY;BYHOUR=25", 60_000L, "UTC")), "recurrence.rrule"),
                violation("bad zone", b -> b.setRecurrence(new Recurrence("FREQ=DAILY", 60_000L, "Mars/Olympus")), "recurrence.timezone"),
                violation("end before start", b -> b.setEndsAt(START.minusSeconds(1)), "endsAt"),
                violation("end equal to start", b -> b.setEndsAt(START), "endsAt"),
                violation("zero duration", b -> b.setRecurrence(new Recurrence("FREQ=DAILY", 0L, "UTC")), "recurrence.durationMs"),
                violation("negative duration", b -> b.setRecurrence(new Recurrence("FREQ=DAILY", -5L, "UTC")), "recurrence.durationMs"),
                violation("empty id", b -> b.setId(" "), "id"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsTheOffendingField(String name, Consumer<MaintenanceWindow.Builder> change, String field) {
        MaintenanceWindow.Builder b = valid();
        change.accept(b);
        List<Violation> violations = WindowValidator.validate(b.build());
        assertEquals(List.of(field), violations.stream().map(Violation::field).toList(), violations.toString());
    }

    @Test
    void aValidWindowHasNoViolations() {
        assertEquals(List.of(), WindowValidator.validate(valid().build()));
        assertEquals(List.of(), WindowValidator.validate(valid().setRecurrence(null).build()));
    }

    @Test
    void anInvalidWindowDoesNotCompileSoItNeverMatches() {
        MaintenanceWindow bad = valid().setMatchers(List.of(new Matcher("service", "=~", "(db"))).build();
        InvalidWindowException e = assertThrows(InvalidWindowException.class, () -> CompiledWindow.compile(bad));
        assertTrue(e.getMessage().contains("w1"), e.getMessage());
        assertEquals(1, e.violations().size());
    }

    @Test
    void aCompiledWindowSuppressesMatchingLabelsOnlyWhileActive() {
        CompiledWindow w = CompiledWindow.compile(valid().setRecurrence(null).build());
        assertEquals(START.plusSeconds(3600), w.suppresses(Map.of("service", "db"), START.plusSeconds(60)).orElseThrow());
        assertTrue(w.suppresses(Map.of("service", "api"), START.plusSeconds(60)).isEmpty());
        assertTrue(w.suppresses(Map.of("service", "db"), START.plusSeconds(3600)).isEmpty());
    }
}
