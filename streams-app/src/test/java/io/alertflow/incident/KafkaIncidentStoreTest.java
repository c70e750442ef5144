package io.alertflow.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The change-event keys already in stores were written with {@code String.format("%013d")}: the fast form must match. */
class KafkaIncidentStoreTest {
    @ParameterizedTest
    @ValueSource(longs = {0, 7, 999, 1_763_719_200_000L, 9_999_999_999_999L, 10_000_000_000_000L, Long.MAX_VALUE, -1, -1_763_719_200_000L})
    void zeroPaddedMatchesTheFormatOfExistingKeys(long epochMillis) {
        assertEquals(String.format("%013d", epochMillis), KafkaIncidentStore.zeroPadded(epochMillis));
    }
}
