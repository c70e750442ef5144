package io.alertflow.reliability.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A child JVM's log lines reach its log file through log4j-core, formatted by the child configuration. */
class ChildJvmTest {

    /** Child entry point: one INFO line through SLF4J, as the streams app and Kafka log. */
    public static void main(String[] args) {
        LoggerFactory.getLogger("io.alertflow.reliability.child").info("child says {}", args[0]);
    }

    @Test
    void aChildLogsThroughLog4jWithTheChildConfiguration(@TempDir Path dir) {
        Path log = dir.resolve("child.log");
        try (ChildJvm child = ChildJvm.start("logging-child", ChildJvmTest.class.getName(), new String[] {"hello"},
                Map.of(), log)) {
            assertEquals(0, child.awaitExit(Duration.ofSeconds(30)), child.tail());
            child.awaitLog("INFO  child - child says hello", Duration.ofSeconds(1));
        }
    }
}
