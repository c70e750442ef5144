package io.alertflow.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.alertflow.avro.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeverityMappingTest {
    private final SeverityMapping mapping = new SeverityMapping(Severity.WARNING);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "NULL", value = {
            "critical, CRITICAL", "CRIT, CRITICAL", "page, CRITICAL", "P1, CRITICAL",
            "error, ERROR", "err, ERROR", "high, ERROR", "major, ERROR",
            "warning, WARNING", "warn, WARNING", "medium, WARNING", "minor, WARNING",
            "info, INFO", "low, INFO", "none, INFO", "'  Info ', INFO",
            "NULL, WARNING", "'', WARNING", "disaster, WARNING"})
    void shouldMapSeverityLabels(String label, Severity expected) {
        assertEquals(expected, mapping.of(label));
    }
}
