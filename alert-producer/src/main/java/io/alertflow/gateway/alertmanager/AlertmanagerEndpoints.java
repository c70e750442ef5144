package io.alertflow.gateway.alertmanager;

import io.alertflow.gateway.AlertRecords;
import io.alertflow.gateway.SeverityMapping;
import io.alertflow.gateway.http.Accepted;
import io.alertflow.gateway.http.Route;
import java.util.List;

/** The two Alertmanager-compatible receivers: API v2 (Prometheus) and the webhook (Alertmanager). */
public final class AlertmanagerEndpoints {
    private AlertmanagerEndpoints() {
    }

    /** POST /api/v2/alerts and POST /api/v1/alertmanager, both answering 200 with an empty body as Alertmanager does. */
    public static List<Route> routes(SeverityMapping severities, AlertRecords records) {
        PrometheusAlerts prometheus = new PrometheusAlerts(severities);
        WebhookAlerts webhook = new WebhookAlerts(severities);
        return List.of(
                Route.json("alertmanager-v2", "POST", "/api/v2/alerts", request -> new Accepted(
                        records.admit(prometheus.map(request.json(), request.receivedAt()), i -> "[" + i + "]."), 200, null)),
                Route.json("alertmanager-webhook", "POST", "/api/v1/alertmanager", request -> new Accepted(
                        records.admit(webhook.map(request.json(), request.receivedAt()), i -> "alerts[" + i + "]."), 200, null)));
    }
}
