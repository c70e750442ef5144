package io.alertflow.gateway.http;

/**
 * One endpoint of the gateway: method, Undertow path template, how it is authenticated and how it
 * renders errors.
 *
 * @param name short name used in logs and metrics (e.g. alertmanager-v2)
 * @param method HTTP method
 * @param template path template, e.g. {@code /api/maintenance-windows/{id}}
 * @param endpoint the mapping
 * @param bearerAuth whether the configured bearer token is required (PagerDuty endpoints check routing keys instead)
 * @param jsonBody whether a JSON body is expected (415 for another content type)
 * @param errorStyle how errors are rendered
 */
public record Route(String name, String method, String template, Endpoint endpoint, boolean bearerAuth, boolean jsonBody,
                   ErrorStyle errorStyle) {

    /** A JSON endpoint behind the bearer token with Alertflow's error shape. */
    public static Route json(String name, String method, String template, Endpoint endpoint) {
        return new Route(name, method, template, endpoint, true, true, ErrorStyle.ALERTFLOW);
    }
}
