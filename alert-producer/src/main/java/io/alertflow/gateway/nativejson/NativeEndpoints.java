package io.alertflow.gateway.nativejson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertflow.alert.Fingerprint;
import io.alertflow.avro.MetricSample;
import io.alertflow.avro.RawAlert;
import io.alertflow.gateway.AlertRecords;
import io.alertflow.gateway.GatewayConfig;
import io.alertflow.gateway.http.Accepted;
import io.alertflow.gateway.http.HttpProblem;
import io.alertflow.gateway.http.IncomingRequest;
import io.alertflow.gateway.http.OutgoingRecord;
import io.alertflow.gateway.http.RecordBodies;
import io.alertflow.gateway.http.Route;
import java.util.ArrayList;
import java.util.List;

/**
 * Native JSON receivers: POST /api/alerts (RawAlerts by SPEC field names) and POST
 * /api/metrics/samples (MetricSamples for rate-of-change detection); each takes one object or an
 * array and answers 202 once all records are acknowledged.
 */
public final class NativeEndpoints {
    private NativeEndpoints() {
    }

    public static List<Route> routes(GatewayConfig config, AlertRecords alertRecords) {
        String samplesTopic = config.topics().metricSamples();
        return List.of(
                Route.json("native-alerts", "POST", "/api/alerts", request -> alerts(request, alertRecords)),
                Route.json("metric-samples", "POST", "/api/metrics/samples", request -> samples(request, samplesTopic)));
    }

    /**
     * receivedAt is always the gateway's time of receipt (a sender's value is replaced: it is the
     * event time of the whole pipeline and must come from one clock); a missing fingerprint is
     * computed from the labels, a missing startsAt is the time of receipt.
     */
    static Accepted alerts(IncomingRequest request, AlertRecords alertRecords) {
        JsonNode json = request.json();
        List<ObjectNode> bodies = RecordBodies.objects(json);
        boolean array = json.isArray();
        List<RawAlert> alerts = new ArrayList<>(bodies.size());
        for (int i = 0; i < bodies.size(); i++) {
            ObjectNode body = bodies.get(i);
            body.put("receivedAt", request.receivedAt().toEpochMilli());
            RecordBodies.defaultTime(body, "startsAt", request.receivedAt());
            RawAlert alert = RecordBodies.read(body, RawAlert.class, array ? "[" + i + "]." : "");
            if (alert.getFingerprint() == null || alert.getFingerprint().isBlank()) {
                alert.setFingerprint(Fingerprint.of(alert.getLabels()));
            }
            alerts.add(alert);
        }
        List<OutgoingRecord> records = alertRecords.admit(alerts, i -> array ? "[" + i + "]." : "");
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("accepted", records.size());
        ArrayNode fingerprints = answer.putArray("fingerprints");
        alerts.forEach(a -> fingerprints.add(a.getFingerprint()));
        return new Accepted(records, 202, answer.toString());
    }

    static Accepted samples(IncomingRequest request, String topic) {
        JsonNode json = request.json();
        List<ObjectNode> bodies = RecordBodies.objects(json);
        boolean array = json.isArray();
        List<OutgoingRecord> records = new ArrayList<>(bodies.size());
        for (int i = 0; i < bodies.size(); i++) {
            String prefix = array ? "[" + i + "]." : "";
            ObjectNode body = bodies.get(i);
            RecordBodies.defaultTime(body, "at", request.receivedAt());
            MetricSample sample = RecordBodies.read(body, MetricSample.class, prefix);
            check(sample, prefix);
            records.add(new OutgoingRecord(topic, sample.getSeries(), sample, request.receivedAt()));
        }
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("accepted", records.size());
        return new Accepted(records, 202, answer.toString());
    }

    private static void check(MetricSample sample, String prefix) {
        if (sample.getSeries().isBlank()) {
            throw HttpProblem.badRequest(prefix + "series", "must not be empty");
        }
        if (sample.getName().isBlank()) {
            throw HttpProblem.badRequest(prefix + "name", "must not be empty");
        }
        if (sample.getService().isBlank()) {
            throw HttpProblem.badRequest(prefix + "service", "must not be empty");
        }
        if (!Double.isFinite(sample.getValue())) {
            throw HttpProblem.badRequest(prefix + "value", "must be a finite number");
        }
    }
}
