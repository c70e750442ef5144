package io.alertflow.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApicurioRegistryTest {

    @TempDir
    Path jdk;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Temurin 25                  | JAVA_VERSION=\"25.0.3\"    | 25",
        "Debian OpenJDK 17           | JAVA_VERSION=\"17.0.15\"   | 17",
        "bare major                  | JAVA_VERSION=\"21\"        | 21",
        "early access                | JAVA_VERSION=\"26-ea\"     | 26",
        "Java 8 naming               | JAVA_VERSION=\"1.8.0_392\" | 8",
        "no version line             | IMPLEMENTOR=\"Someone\"    | -1",
    })
    void shouldReadTheMajorVersionFromAJdkReleaseFile(String name, String line, int expected) throws IOException {
        Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"X\"\n" + line + "\n");
        assertEquals(expected < 0 ? Optional.empty() : Optional.of(expected), ApicurioRegistry.majorVersion(jdk));
    }
}
