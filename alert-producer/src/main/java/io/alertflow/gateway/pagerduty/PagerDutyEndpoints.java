package io.alertflow.gateway.pagerduty;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertflow.avro.ChangeEvent;
import io.alertflow.avro.RawAlert;
import io.alertflow.gateway.AlertAdmission;
import io.alertflow.gateway.GatewayConfig;
import io.alertflow.gateway.http.Accepted;
import io.alertflow.gateway.http.BearerAuth;
import io.alertflow.gateway.http.ErrorStyle;
import io.alertflow.gateway.http.OutgoingRecord;
import io.alertflow.gateway.http.Route;
import java.util.List;

/**
 * The PagerDuty Events API v2 receivers, POST /v2/enqueue and POST /v2/change/enqueue, with
 * PagerDuty's answers; they authenticate by routing key, not by bearer token.
 */
public final class PagerDutyEndpoints {
    private PagerDutyEndpoints() {
    }

    public static List<Route> routes(GatewayConfig config, AlertAdmission admission) {
        BearerAuth routingKeys = new BearerAuth(config.pagerDutyRoutingKeys());
        PagerDutyEvents events = new PagerDutyEvents(routingKeys);
        PagerDutyChanges changes = new PagerDutyChanges(routingKeys);
        GatewayConfig.Topics topics = config.topics();
        return List.of(
                new Route("pagerduty-events", "POST", "/v2/enqueue", request -> {
                    PagerDutyEvents.Mapped mapped = events.map(request.json(), request.receivedAt());
                    String topic = topics.incidentActions();
                    if (mapped.record() instanceof RawAlert alert) {
                        admission.admit(alert, "");
                        topic = topics.alerts();
                    }
                    return new Accepted(List.of(new OutgoingRecord(topic, mapped.key(), mapped.record(), request.receivedAt())), 202,
                            answer("Event processed").put("dedup_key", mapped.dedupKey()).toString());
                }, false, true, ErrorStyle.PAGERDUTY),
                new Route("pagerduty-changes", "POST", "/v2/change/enqueue", request -> {
                    ChangeEvent change = changes.map(request.json(), request.receivedAt());
                    return new Accepted(List.of(new OutgoingRecord(topics.changes(), change.getService(), change, request.receivedAt())), 202,
                            answer("Change event processed").toString());
                }, false, true, ErrorStyle.PAGERDUTY));
    }

    private static ObjectNode answer(String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("status", "success");
        body.put("message", message);
        return body;
    }
}
