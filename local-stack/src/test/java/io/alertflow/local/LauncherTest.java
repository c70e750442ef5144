package io.alertflow.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The launcher's commands, and the one-sentence errors for the mistakes people make. */
class LauncherTest {
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Launcher.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpListsEveryCommand() {
        Run r = run("--help");
        assertEquals(0, r.code());
        for (String command : List.of("demo", "up", "simulate", "replay", "streams", "gateway", "dlq", "export", "what-if")) {
            assertTrue(r.out().contains("  " + command + " "), command + " missing from\n" + r.out());
        }
    }

    @Test
    void noCommandPrintsTheUsage() {
        Run r = run();
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("Usage: alertflow"), r.out());
    }

    @Test
    void aPortInUseIsOneSentenceNamingTheFlag() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            Run r = run("up", "--gateway-port", String.valueOf(taken.getLocalPort()), "--kafka-port", "0",
                    "--data-dir", System.getProperty("java.io.tmpdir") + "/alertflow-launcher-test");
            assertEquals(Launcher.USER_ERROR, r.code());
            assertTrue(r.err().contains("port " + taken.getLocalPort() + " is already in use; the gateway needs it"), r.err());
            assertTrue(r.err().contains("--gateway-port"), r.err());
            assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
        }
    }

    @Test
    void simulateAgainstNothingSaysHowToStartAlertflow() throws IOException {
        int port = EmbeddedKafka.freePort();
        Run r = run("simulate", "--scenario", "payment-outage", "--gateway", "http://127.0.0.1:" + port);
        assertEquals(Launcher.USER_ERROR, r.code());
        assertTrue(r.err().contains("nothing answers at http://127.0.0.1:" + port), r.err());
        assertTrue(r.err().contains("./alertflow up"), r.err());
    }

    @Test
    void anUnreachableBrokerIsReportedWithTheKeyToSet() throws IOException {
        int port = EmbeddedKafka.freePort();
        StartupProblem p = org.junit.jupiter.api.Assertions.assertThrows(StartupProblem.class,
                () -> Preflight.requireKafka(java.util.Map.of("bootstrap.servers", "127.0.0.1:" + port)));
        assertTrue(p.getMessage().startsWith("cannot reach Kafka at 127.0.0.1:" + port + " (bootstrap.servers)"), p.getMessage());
        assertTrue(p.getMessage().contains("ALERTFLOW_BOOTSTRAP_SERVERS"), p.getMessage());
    }

    @Test
    void aCommandWhoseMainClassDoesNotExistYetSaysSo() {
        StartupProblem p = org.junit.jupiter.api.Assertions.assertThrows(StartupProblem.class,
                () -> Launcher.runFirstExisting("export", List.of("io.alertflow.nowhere.ExportMain"), List.of()));
        assertEquals("'export' is not built yet in this version of Alertflow.", p.getMessage());
    }

    @Test
    void theDemoRefusesSlowMotion() {
        Run r = run("demo", "--speed", "0.5");
        assertEquals(Launcher.USER_ERROR, r.code());
        assertTrue(r.err().contains("--speed must be at least 1"), r.err());
    }

    static Stream<Arguments> gatewayArguments() {
        return Stream.of(
                Arguments.of("default", List.of("--scenario", "storm"), "http://localhost:8080"),
                Arguments.of("separate value", List.of("--gateway", "http://gw:9000", "--scenario", "x"), "http://gw:9000"),
                Arguments.of("equals sign", List.of("--scenario", "x", "--gateway=http://gw:9001"), "http://gw:9001"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gatewayArguments")
    void findsTheGatewayTheSimulatorWillUse(String name, List<String> args, String expected) {
        assertEquals(URI.create(expected), Launcher.gatewayOf(args));
    }
}
