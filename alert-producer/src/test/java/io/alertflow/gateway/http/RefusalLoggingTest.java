package io.alertflow.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.gateway.GatewayConfig;
import io.alertflow.gateway.GatewayServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A refused request leaves exactly one log line: no stack trace, no secret, no forged lines. */
class RefusalLoggingTest {
    static final String TOKEN = "super-secret-token-123";
    static final List<LogEvent> events = new CopyOnWriteArrayList<>();
    static GatewayServer server;
    static AbstractAppender appender;

    @BeforeAll
    static void start() {
        appender = new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                events.add(event.toImmutable());
            }
        };
        appender.start();
        Logger logger = (Logger) LogManager.getLogger(EndpointHandler.class);
        logger.addAppender(appender);
        logger.setLevel(Level.INFO);
        server = GatewayServer.start(GatewayConfig.of(Map.of(GatewayConfig.PORT, "0", GatewayConfig.HOST, "127.0.0.1",
                GatewayConfig.AUTH_TOKEN, TOKEN)), records -> { }, () -> null, Clock.systemUTC(), List.of());
    }

    @AfterAll
    static void stop() {
        server.close();
        ((Logger) LogManager.getLogger(EndpointHandler.class)).removeAppender(appender);
    }

    static int post(String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve("/api/alerts")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void shouldLogOneEscapedLinePerRefusalWithoutSecretsOrStackTraces() throws Exception {
        events.clear();
        assertEquals(401, post("{}", TOKEN + "-wrong"));
        String forged = "{\"source\":\"x\",\"status\":\"FIRING\",\"severity\":\"INFO\",\"labels\":{\"alertname\":\"A\"},"
                + "\"annotations\":{\"a\\nINFO forged line\":1}}";
        assertEquals(400, post(forged, TOKEN));
        assertEquals(2, events.size(), events.toString());
        for (LogEvent event : events) {
            String line = event.getMessage().getFormattedMessage();
            assertNull(event.getThrown(), "no stack trace for expected bad input");
            assertFalse(line.contains("\n") || line.contains("\r"), "one line: " + line);
            assertFalse(line.contains(TOKEN), "the token never reaches the log: " + line);
            assertEquals(Level.INFO, event.getLevel());
        }
        assertTrue(events.get(1).getMessage().getFormattedMessage().contains("a\\nINFO forged line"), "the label name is escaped");
    }
}
