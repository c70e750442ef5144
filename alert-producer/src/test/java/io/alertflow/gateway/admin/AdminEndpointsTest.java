package io.alertflow.gateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.alertflow.avro.ActionKind;
import io.alertflow.avro.ChangeEvent;
import io.alertflow.avro.IncidentAction;
import io.alertflow.avro.MaintenanceWindow;
import io.alertflow.avro.Service;
import io.alertflow.gateway.RouteFixture;
import io.alertflow.gateway.http.Accepted;
import io.alertflow.gateway.http.HttpProblem;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AdminEndpointsTest {
    private final RouteFixture gateway = new RouteFixture();

    static final String WINDOW = """
            {"name":"nightly batch","matchers":[{"label":"service","op":"=~","value":"batch-.*"}],
             "startsAt":"2024-05-01T00:00:00Z","endsAt":"2024-12-31T00:00:00Z",
             "recurrence":{"rrule":"FREQ=DAILY;BYHOUR=1;BYMINUTE=0","durationMs":3600000,"timezone":"Europe/Berlin"},
             "createdBy":"ops","comment":"batch"}""";

    @Test
    void shouldPutAWindowKeyedByThePathId() {
        Accepted accepted = gateway.call("window-put", Map.of("id", "w1"), WINDOW);
        assertEquals(200, accepted.status());
        assertEquals("maintenance.windows", accepted.records().get(0).topic());
        assertEquals("w1", accepted.records().get(0).key());
        MaintenanceWindow window = (MaintenanceWindow) accepted.records().get(0).value();
        assertEquals("w1", window.getId());
        assertEquals("Europe/Berlin", window.getRecurrence().getTimezone());
    }

    @Test
    void shouldDeleteAWindowWithATombstone() {
        Accepted accepted = gateway.call("window-delete", Map.of("id", "w1"), "");
        assertEquals(200, accepted.status());
        assertEquals("w1", accepted.records().get(0).key());
        assertNull(accepted.records().get(0).value());
    }

    static Stream<Arguments> invalidWindows() {
        return Stream.of(
                Arguments.of("id disagrees with path", WINDOW.replace("{\"name\"", "{\"id\":\"other\",\"name\""), "id"),
                Arguments.of("unknown operator", WINDOW.replace("\"=~\"", "\"~=\""), "matchers[0].op"),
                Arguments.of("invalid regex", WINDOW.replace("batch-.*", "batch-(") , "matchers[0].value"),
                Arguments.of("no matchers", WINDOW.replace("[{\"label\":\"service\",\"op\":\"=~\",\"value\":\"batch-.*\"}]", "[]"), "matchers"),
                Arguments.of("ends before it starts", WINDOW.replace("2024-12-31", "2024-04-01"), "endsAt"),
                Arguments.of("invalid rrule", WINDOW.replace("FREQ=DAILY", "FREQ=SOMETIMES"), "recurrence.rrule"),
                Arguments.of("unknown time zone", WINDOW.replace("Europe/Berlin", "Mars/Olympus"), "recurrence.timezone"),
                Arguments.of("missing name", WINDOW.replace("\"name\":\"nightly batch\",", ""), "name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidWindows")
    void shouldRejectWindowsTheStreamCouldNotEvaluate(String name, String body, String field) {
        HttpProblem problem = assertThrows(HttpProblem.class, () -> gateway.call("window-put", Map.of("id", "w1"), body));
        assertEquals(400, problem.status());
        assertEquals(field, problem.field(), problem.getMessage());
    }

    @Test
    void shouldPutAServiceAndRejectABadTier() {
        Accepted accepted = gateway.call("service-put", Map.of("name", "payments-api"),
                "{\"tier\":1,\"team\":\"payments\",\"dependsOn\":[\"payments-db\"],\"escalation\":{\"ackTimeoutMs\":300000,\"levels\":[\"a\",\"b\"]}}");
        Service service = (Service) accepted.records().get(0).value();
        assertEquals("payments-api", service.getName());
        assertEquals("payments-api", accepted.records().get(0).key());
        assertEquals("tier", assertThrows(HttpProblem.class,
                () -> gateway.call("service-put", Map.of("name", "x"), "{\"tier\":7}")).field());
        assertEquals("dependsOn[0]", assertThrows(HttpProblem.class,
                () -> gateway.call("service-put", Map.of("name", "x"), "{\"dependsOn\":[\"x\"]}")).field());
    }

    @Test
    void shouldPostAChangeWithGeneratedIdAndTimeOfReceipt() {
        Accepted accepted = gateway.call("change-post", "{\"service\":\"payments-api\",\"kind\":\"DEPLOY\",\"version\":\"v2\"}");
        assertEquals(202, accepted.status());
        ChangeEvent change = (ChangeEvent) accepted.records().get(0).value();
        assertNotNull(change.getId());
        assertEquals(RouteFixture.NOW, change.getAt());
        assertEquals("payments-api", accepted.records().get(0).key());
    }

    @Test
    void shouldPostAnIncidentActionForThePathIncident() {
        Accepted accepted = gateway.call("action-post", Map.of("id", "inc-7"), "{\"action\":\"ACKNOWLEDGE\",\"actor\":\"alice\"}");
        IncidentAction action = (IncidentAction) accepted.records().get(0).value();
        assertEquals("inc-7", action.getIncidentId());
        assertEquals(ActionKind.ACKNOWLEDGE, action.getAction());
        assertEquals("inc-7", accepted.records().get(0).key());
        assertEquals("action", assertThrows(HttpProblem.class,
                () -> gateway.call("action-post", Map.of("id", "inc-7"), "{\"action\":\"SNOOZE\"}")).field());
    }

    @Test
    void shouldPostAnActionAddressedByAlertFingerprint() {
        Accepted accepted = gateway.call("alert-action-post", Map.of("fingerprint", "9ebc82f04146c38f"), "{\"action\":\"MITIGATE\"}");
        IncidentAction action = (IncidentAction) accepted.records().get(0).value();
        assertNull(action.getIncidentId());
        assertEquals("9ebc82f04146c38f", action.getFingerprint());
        assertEquals(ActionKind.MITIGATE, action.getAction());
        assertEquals("9ebc82f04146c38f", accepted.records().get(0).key());
    }
}
