package io.alertflow.api;

/** Liveness and readiness of the instance, from the Kafka Streams state and the stores. */
public interface Health {

    /** The Kafka Streams state name, e.g. RUNNING, REBALANCING. */
    String state();

    /** Alive unless Kafka Streams has failed or stopped: a supervisor should restart a dead instance. */
    default boolean alive() {
        String s = state();
        return !s.equals("ERROR") && !s.equals("PENDING_ERROR") && !s.equals("NOT_RUNNING") && !s.equals("PENDING_SHUTDOWN");
    }

    /** Ready when RUNNING and the stores answer queries. */
    boolean ready();
}
