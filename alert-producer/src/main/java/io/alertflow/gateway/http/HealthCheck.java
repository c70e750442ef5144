package io.alertflow.gateway.http;

/** Whether the gateway can accept writes: null when healthy, else a sentence saying why not. */
@FunctionalInterface
public interface HealthCheck {
    String problem();
}
