package io.alertflow.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.avro.Priority;
import io.alertflow.avro.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The severity × tier matrix of SPEC §3.5, cell by cell. */
class PriorityMatrixTest {

    @ParameterizedTest(name = "{0} on tier {1} is {2}")
    @CsvSource({
        "CRITICAL,1,P1", "CRITICAL,2,P2", "CRITICAL,3,P3", "CRITICAL,4,P3",
        "ERROR,1,P2", "ERROR,2,P3", "ERROR,3,P3", "ERROR,4,P4",
        "WARNING,1,P3", "WARNING,2,P4", "WARNING,3,P4", "WARNING,4,P5",
        "INFO,1,P5", "INFO,2,P5", "INFO,3,P5", "INFO,4,P5",
        "CRITICAL,0,P1", "CRITICAL,9,P3", "UNKNOWN,1,P5"})
    void cell(Severity severity, int tier, Priority expected) {
        assertEquals(expected, PriorityMatrix.of(severity, tier));
    }

    @Test
    void pagingThresholdIsInclusive() {
        assertTrue(PriorityMatrix.atLeast(Priority.P1, Priority.P3));
        assertTrue(PriorityMatrix.atLeast(Priority.P3, Priority.P3));
        assertFalse(PriorityMatrix.atLeast(Priority.P4, Priority.P3));
        assertFalse(PriorityMatrix.atLeast(Priority.UNKNOWN, Priority.P5));
    }

    @Test
    void maxSeverityIgnoresUnknown() {
        assertEquals(Severity.CRITICAL, PriorityMatrix.max(Severity.WARNING, Severity.CRITICAL));
        assertEquals(Severity.ERROR, PriorityMatrix.max(Severity.UNKNOWN, Severity.ERROR));
        assertEquals(Severity.INFO, PriorityMatrix.max(Severity.INFO, null));
    }
}
