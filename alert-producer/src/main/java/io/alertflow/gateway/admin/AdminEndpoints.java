package io.alertflow.gateway.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertflow.avro.ActionKind;
import io.alertflow.avro.ChangeEvent;
import io.alertflow.avro.ChangeKind;
import io.alertflow.avro.IncidentAction;
import io.alertflow.avro.MaintenanceWindow;
import io.alertflow.avro.Service;
import io.alertflow.gateway.GatewayConfig;
import io.alertflow.gateway.http.Accepted;
import io.alertflow.gateway.http.ErrorStyle;
import io.alertflow.gateway.http.HttpProblem;
import io.alertflow.gateway.http.IncomingRequest;
import io.alertflow.gateway.http.OutgoingRecord;
import io.alertflow.gateway.http.RecordBodies;
import io.alertflow.gateway.http.Route;
import io.alertflow.json.RecordJson;
import java.util.List;
import java.util.UUID;

/**
 * The admin endpoints of SPEC §4: maintenance windows and services (compacted topics, DELETE writes
 * a tombstone), change events and incident actions. Bodies use SPEC field names; the id or name in
 * the path wins over an absent one in the body and must agree with a present one.
 */
public final class AdminEndpoints {
    private final GatewayConfig.Topics topics;

    private AdminEndpoints(GatewayConfig.Topics topics) {
        this.topics = topics;
    }

    public static List<Route> routes(GatewayConfig.Topics topics) {
        AdminEndpoints admin = new AdminEndpoints(topics);
        return List.of(
                Route.json("window-put", "PUT", "/api/maintenance-windows/{id}", admin::putWindow),
                new Route("window-delete", "DELETE", "/api/maintenance-windows/{id}",
                        r -> admin.delete(r, topics.maintenanceWindows(), "id"), true, false, ErrorStyle.ALERTFLOW),
                Route.json("service-put", "PUT", "/api/services/{name}", admin::putService),
                new Route("service-delete", "DELETE", "/api/services/{name}",
                        r -> admin.delete(r, topics.services(), "name"), true, false, ErrorStyle.ALERTFLOW),
                Route.json("change-post", "POST", "/api/changes", admin::postChange),
                Route.json("action-post", "POST", "/api/incidents/{id}/actions", admin::postAction),
                Route.json("alert-action-post", "POST", "/api/alerts/{fingerprint}/actions", admin::postAlertAction));
    }

    Accepted putWindow(IncomingRequest request) {
        String id = request.pathParameter("id");
        ObjectNode body = RecordBodies.object(request.json());
        RecordBodies.pathValue(body, "id", id);
        MaintenanceWindow window = RecordBodies.read(body, MaintenanceWindow.class, "");
        WindowCheck.check(window);
        return new Accepted(List.of(new OutgoingRecord(topics.maintenanceWindows(), id, window, request.receivedAt())), 200,
                RecordJson.toJsonString(window));
    }

    Accepted putService(IncomingRequest request) {
        String name = request.pathParameter("name");
        ObjectNode body = RecordBodies.object(request.json());
        RecordBodies.pathValue(body, "name", name);
        Service service = RecordBodies.read(body, Service.class, "");
        checkService(service);
        return new Accepted(List.of(new OutgoingRecord(topics.services(), name, service, request.receivedAt())), 200,
                RecordJson.toJsonString(service));
    }

    Accepted delete(IncomingRequest request, String topic, String parameter) {
        String key = request.pathParameter(parameter);
        ObjectNode answer = JsonNodeFactory.instance.objectNode().put("deleted", key);
        return new Accepted(List.of(new OutgoingRecord(topic, key, null, request.receivedAt())), 200, answer.toString());
    }

    /** A change without id gets a random one; without {@code at} it happened when it was received. */
    Accepted postChange(IncomingRequest request) {
        ObjectNode body = RecordBodies.object(request.json());
        if (body.get("id") == null || body.get("id").isNull()) {
            body.put("id", UUID.randomUUID().toString());
        }
        RecordBodies.defaultTime(body, "at", request.receivedAt());
        ChangeEvent change = RecordBodies.read(body, ChangeEvent.class, "");
        if (change.getService().isBlank()) {
            throw HttpProblem.badRequest("service", "must not be empty");
        }
        if (change.getKind() == ChangeKind.UNKNOWN) {
            throw HttpProblem.badRequest("kind", "must be DEPLOY, CONFIG, FEATURE_FLAG or ROLLBACK");
        }
        return new Accepted(List.of(new OutgoingRecord(topics.changes(), change.getService(), change, request.receivedAt())), 202,
                RecordJson.toJsonString(change));
    }

    /** The incident id comes from the path; {@code at} defaults to the time of receipt. */
    Accepted postAction(IncomingRequest request) {
        String id = request.pathParameter("id");
        ObjectNode body = RecordBodies.object(request.json());
        RecordBodies.pathValue(body, "incidentId", id);
        RecordBodies.defaultTime(body, "at", request.receivedAt());
        IncidentAction action = RecordBodies.read(body, IncidentAction.class, "");
        if (action.getAction() == ActionKind.UNKNOWN) {
            throw HttpProblem.badRequest("action", "must be ACKNOWLEDGE, MITIGATE, RESOLVE, REOPEN, NOTE or ESCALATE");
        }
        return new Accepted(List.of(new OutgoingRecord(topics.incidentActions(), id, action, request.receivedAt())), 202,
                RecordJson.toJsonString(action));
    }

    /**
     * An action addressed by alert fingerprint (SPEC: incidentId null, fingerprint given): it applies
     * to the incident that holds that alert. Keyed by the fingerprint.
     */
    Accepted postAlertAction(IncomingRequest request) {
        String fingerprint = request.pathParameter("fingerprint");
        ObjectNode body = RecordBodies.object(request.json());
        RecordBodies.pathValue(body, "fingerprint", fingerprint);
        RecordBodies.defaultTime(body, "at", request.receivedAt());
        IncidentAction action = RecordBodies.read(body, IncidentAction.class, "");
        if (action.getAction() == ActionKind.UNKNOWN) {
            throw HttpProblem.badRequest("action", "must be ACKNOWLEDGE, MITIGATE, RESOLVE, REOPEN, NOTE or ESCALATE");
        }
        return new Accepted(List.of(new OutgoingRecord(topics.incidentActions(), fingerprint, action, request.receivedAt())), 202,
                RecordJson.toJsonString(action));
    }

    private static void checkService(Service service) {
        if (service.getTier() < 1 || service.getTier() > 4) {
            throw HttpProblem.badRequest("tier", "must be 1 (most critical) to 4");
        }
        for (int i = 0; i < service.getDependsOn().size(); i++) {
            String dependency = service.getDependsOn().get(i);
            if (dependency.isBlank() || dependency.equals(service.getName())) {
                throw HttpProblem.badRequest("dependsOn[" + i + "]", "must name another service");
            }
        }
        if (service.getEscalation() != null) {
            if (service.getEscalation().getAckTimeoutMs() <= 0) {
                throw HttpProblem.badRequest("escalation.ackTimeoutMs", "must be positive");
            }
            if (service.getEscalation().getLevels().isEmpty()) {
                throw HttpProblem.badRequest("escalation.levels", "must name at least one paging target");
            }
        }
    }
}
