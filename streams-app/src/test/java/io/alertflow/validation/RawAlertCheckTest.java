package io.alertflow.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.alert.AlertValidator;
import io.alertflow.alert.Fingerprint;
import io.alertflow.alert.ValidationLimits;
import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RawAlertCheckTest {
    private static final Instant T0 = Instant.parse("2025-06-10T10:00:00Z");
    private static final ValidationLimits LIMITS = new ValidationLimits(Duration.ofMinutes(5), Duration.ofDays(30), 4, 32, 16, 64);
    private final RawAlertCheck check = new RawAlertCheck((topic, bytes) -> {
        throw new IllegalStateException("not used");
    }, new AlertValidator(LIMITS));

    static RawAlert.Builder valid() {
        return RawAlert.newBuilder().setFingerprint(null).setSource("prometheus").setStatus(AlertStatus.FIRING)
                .setSeverity(Severity.ERROR).setLabels(Map.of("alertname", "DiskFull", "service", "db"))
                .setAnnotations(Map.of()).setStartsAt(T0).setEndsAt(null).setReceivedAt(T0);
    }

    static Arguments invalid(String name, Consumer<RawAlert.Builder> change, String mentions) {
        return Arguments.of(name, change, mentions);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                invalid("missing alertname", b -> b.setLabels(Map.of("service", "db")), "alertname"),
                invalid("empty alertname", b -> b.setLabels(Map.of("alertname", " ", "service", "db")), "alertname"),
                invalid("startsAt too far in the future", b -> b.setStartsAt(T0.plus(Duration.ofMinutes(6))), "check the sender's clock"),
                invalid("startsAt far in the past", b -> b.setStartsAt(T0.minus(Duration.ofDays(31))), "check the sender's clock"),
                invalid("endsAt before startsAt", b -> b.setEndsAt(T0.minusSeconds(1)), "endsAt"),
                invalid("too many labels", b -> b.setLabels(Map.of("alertname", "a", "b", "1", "c", "2", "d", "3", "e", "4")), "limit is 4"),
                invalid("oversize label value", b -> b.setLabels(Map.of("alertname", "a", "service", "x".repeat(17))), "limit is 16"),
                invalid("oversize label name", b -> b.setLabels(Map.of("alertname", "a", "n".repeat(33), "x")), "limit is 32"),
                invalid("oversize annotation", b -> b.setAnnotations(Map.of("summary", "s".repeat(65))), "limit is 64"),
                invalid("unknown status symbol", b -> b.setStatus(AlertStatus.UNKNOWN), "status must be FIRING or RESOLVED"),
                invalid("unknown severity symbol", b -> b.setSeverity(Severity.UNKNOWN), "severity must be"),
                invalid("empty source", b -> b.setSource(""), "source"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectsWithAReasonAPersonCanActOn(String name, Consumer<RawAlert.Builder> change, String mentions) {
        RawAlert.Builder b = valid();
        change.accept(b);
        RawAlertCheck.Invalid invalid = assertInstanceOf(RawAlertCheck.Invalid.class, check.check(b.build()));
        assertEquals("validate", invalid.stage());
        assertTrue(invalid.error().contains(mentions), invalid.error());
    }

    @Test
    void aValidAlertWithoutFingerprintGetsAlertmanagersFingerprint() {
        RawAlertCheck.Valid ok = assertInstanceOf(RawAlertCheck.Valid.class, check.check(valid().build()));
        assertEquals(Fingerprint.of(Map.of("alertname", "DiskFull", "service", "db")), ok.alert().getFingerprint());
    }

    @Test
    void aGivenFingerprintIsKept() {
        RawAlertCheck.Valid ok = assertInstanceOf(RawAlertCheck.Valid.class,
                check.check(valid().setFingerprint("00000000000000aa").setLabels(new HashMap<>(Map.of("alertname", "X"))).build()));
        assertEquals("00000000000000aa", ok.alert().getFingerprint());
    }
}
