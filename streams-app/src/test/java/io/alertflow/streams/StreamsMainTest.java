package io.alertflow.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StreamsMainTest {

    @ParameterizedTest(name = "{0} warns: {1}")
    @CsvSource({
            "mock://alertflow, true",
            "' mock://scope', true",
            "http://registry:8081, false",
            "https://user:secret@registry:8081, false",
            "'http://a:8081,http://b:8081', false"})
    void aStandaloneAppOnAnInProcessRegistryWarns(String url, boolean warns) {
        Optional<String> warning = StreamsMain.registryWarning(url);
        assertEquals(warns, warning.isPresent());
        warning.ifPresent(w -> assertTrue(w.contains(url) && w.contains("ALERTFLOW_SCHEMA_REGISTRY_URL"), w));
    }
}
