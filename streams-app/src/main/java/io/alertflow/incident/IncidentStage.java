package io.alertflow.incident;

import io.alertflow.streams.state.StateStores;
import io.alertflow.avro.AlertChange;
import io.alertflow.avro.ChangeEvent;
import io.alertflow.avro.CorrelationEvent;
import io.alertflow.avro.DeadLetter;
import io.alertflow.avro.Decision;
import io.alertflow.avro.Incident;
import io.alertflow.avro.IncidentAction;
import io.alertflow.avro.IncidentMetrics;
import io.alertflow.avro.IncidentRecord;
import io.alertflow.avro.Page;
import io.alertflow.avro.Tally;
import io.alertflow.correlation.ActionRouter;
import io.alertflow.correlation.CorrelationRouter;
import io.alertflow.correlation.IncidentIndex;
import io.alertflow.correlation.ServiceCatalog;
import io.alertflow.dlq.DeadLetters;
import io.alertflow.streams.clock.Timers;
import io.alertflow.streams.topics.Topic;
import io.alertflow.streams.topics.Topics;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Topology II's wiring (SPEC §3.5–3.7): route alert changes, service changes and responder actions
 * by correlation key through one named repartition topic, run the incident engine there, and write
 * incidents, pages, incident metrics, index entries and dead letters to their topics. Returns the
 * tallies the engine emits, for the metrics stage.
 */
public final class IncidentStage {
    /** The repartition topic (suffix) carrying every input of the incident stage, keyed by correlation key. */
    public static final String REPARTITION = "correlation-events";
    public static final String ROUTE_ALERTS = "correlation-route-alerts";
    public static final String CHANGES_SOURCE = "changes-source";
    public static final String ROUTE_CHANGES = "correlation-route-changes";
    public static final String ACTIONS_SOURCE = "incident-actions-source";
    public static final String ROUTE_ACTIONS = "correlation-route-actions";
    public static final String ENGINE = "incident-engine";

    private IncidentStage() {
    }

    /**
     * What the stage emits besides its topics: tallies for the metrics stage, decisions for the explain stage,
     * and the incidents, pages and incident metrics written (for counters).
     */
    public record Outputs(KStream<String, Tally> tallies, KStream<String, Decision> decisions,
                          KStream<String, Incident> incidents, KStream<String, Page> pages,
                          KStream<String, IncidentMetrics> metrics) {
    }

    /** Wires the stage; {@code alertChanges} is what maintenance lets through, keyed by fingerprint. */
    public static KStream<String, Tally> wire(StreamsBuilder builder, KStream<String, AlertChange> alertChanges,
                                              Topics topics, Topic<String, String> indexTopic, IncidentSettings settings,
                                              Timers timers, ServiceCatalog catalog, StateStores stores) {
        return wireAll(builder, alertChanges, topics, indexTopic, settings, timers, catalog, stores).tallies();
    }

    /** Wires the stage and returns all its side outputs. */
    public static Outputs wireAll(StreamsBuilder builder, KStream<String, AlertChange> alertChanges,
                                  Topics topics, Topic<String, String> indexTopic, IncidentSettings settings,
                                  Timers timers, ServiceCatalog catalog, StateStores stores) {
        catalog.addTo(builder, topics.services(), stores);
        IncidentIndex.addTo(builder, indexTopic, stores);
        addStores(builder, topics, stores);

        KStream<String, CorrelationEvent> fromAlerts = alertChanges.process(
                () -> CorrelationRouter.alerts(catalog), Named.as(ROUTE_ALERTS));
        KStream<String, CorrelationEvent> fromChanges = builder
                .stream(topics.changes().name(), topics.changes().consumed(CHANGES_SOURCE))
                .process(() -> CorrelationRouter.changes(catalog), Named.as(ROUTE_CHANGES));
        KStream<String, CorrelationEvent> fromActions = routeActions(builder, topics, settings, timers, stores);

        KStream<String, CorrelationEvent> events = fromAlerts
                .merge(fromChanges, Named.as("correlation-merge-changes"))
                .merge(fromActions, Named.as("correlation-merge-actions"))
                .repartition(Repartitioned.<String, CorrelationEvent>as(REPARTITION)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(topics.repartitionSerde(CorrelationEvent.class)));

        Topic<String, IncidentAction> actions = topics.incidentActions();
        KStream<String, Object> out = events.process(
                () -> new IncidentProcessor(settings, catalog, timers, actions.valueSerde().serializer(), actions.name()),
                Named.as(ENGINE), IncidentProcessor.INCIDENT_STORE, IncidentProcessor.KEY_STORE, IncidentProcessor.CHANGE_STORE,
                IncidentProcessor.TIMER_STORE);
        return writeOutputs(out, topics, indexTopic);
    }

    private static KStream<String, CorrelationEvent> routeActions(StreamsBuilder builder, Topics topics,
                                                                IncidentSettings settings, Timers timers, StateStores stores) {
        Topic<String, IncidentAction> actions = topics.incidentActions();
        builder.addStateStore(stores.keyValue(ActionRouter.PENDING_STORE, Serdes.Bytes(), topics.valueSerde(DeadLetter.class)));
        Map<String, KStream<String, Object>> routed = builder
                .stream(actions.name(), actions.consumed(ACTIONS_SOURCE))
                .process(() -> new ActionRouter(actions.valueSerde().serializer(), actions.valueSerde().deserializer(),
                                actions.name(), timers, settings.unknownActionWait()),
                        Named.as(ROUTE_ACTIONS), ActionRouter.PENDING_STORE)
                .split(Named.as("correlation-actions-"))
                .branch((k, v) -> v instanceof DeadLetter, Branched.as("unknown"))
                .defaultBranch(Branched.as("known"));
        DeadLetters.sink(routed.get("correlation-actions-unknown").mapValues(v -> (DeadLetter) v,
                Named.as("correlation-actions-unknown-cast")), topics, "correlation-actions");
        return routed.get("correlation-actions-known")
                .mapValues(v -> (CorrelationEvent) v, Named.as("correlation-actions-known-cast"));
    }

    private static void addStores(StreamsBuilder builder, Topics topics, StateStores stores) {
        builder.addStateStore(stores.keyValue(IncidentProcessor.INCIDENT_STORE, Serdes.String(),
                topics.valueSerde(IncidentRecord.class)));
        builder.addStateStore(stores.keyValue(IncidentProcessor.KEY_STORE, Serdes.String(), Serdes.String()));
        builder.addStateStore(stores.keyValue(IncidentProcessor.CHANGE_STORE, Serdes.String(),
                topics.valueSerde(ChangeEvent.class)));
        builder.addStateStore(stores.keyValue(IncidentProcessor.TIMER_STORE, Serdes.Bytes(), Serdes.ByteArray()));
    }

    private static Outputs writeOutputs(KStream<String, Object> out, Topics topics, Topic<String, String> indexTopic) {
        Map<String, KStream<String, Object>> b = out.split(Named.as("incident-out-"))
                .branch((k, v) -> v instanceof Incident, Branched.as("incidents"))
                .branch((k, v) -> v instanceof Page, Branched.as("pages"))
                .branch((k, v) -> v instanceof IncidentMetrics, Branched.as("metrics"))
                .branch((k, v) -> v instanceof IncidentProcessor.IndexEntry, Branched.as("index"))
                .branch((k, v) -> v instanceof DeadLetter, Branched.as("dlq"))
                .branch((k, v) -> v instanceof Tally, Branched.as("tallies"))
                .branch((k, v) -> v instanceof Decision, Branched.as("decisions"))
                .noDefaultBranch();
        KStream<String, Incident> incidents = b.get("incident-out-incidents")
                .mapValues(v -> (Incident) v, Named.as("incident-out-incidents-cast"));
        incidents.to(topics.incidents().name(), topics.incidents().produced("incidents-sink"));
        KStream<String, Page> pages = b.get("incident-out-pages").mapValues(v -> (Page) v, Named.as("incident-out-pages-cast"));
        pages.to(topics.pages().name(), topics.pages().produced("pages-sink"));
        KStream<String, IncidentMetrics> metrics = b.get("incident-out-metrics")
                .mapValues(v -> (IncidentMetrics) v, Named.as("incident-out-metrics-cast"));
        metrics.to(topics.incidentMetrics().name(), topics.incidentMetrics().produced("incident-metrics-sink"));
        b.get("incident-out-index").mapValues(v -> ((IncidentProcessor.IndexEntry) v).value(), Named.as("incident-out-index-cast"))
                .to(indexTopic.name(), indexTopic.produced("incident-index-sink"));
        DeadLetters.sink(b.get("incident-out-dlq").mapValues(v -> (DeadLetter) v, Named.as("incident-out-dlq-cast")),
                topics, "incident");
        KStream<String, Tally> tallies = b.get("incident-out-tallies").mapValues(v -> (Tally) v, Named.as("incident-out-tallies-cast"));
        KStream<String, Decision> decisions = b.get("incident-out-decisions")
                .mapValues(v -> (Decision) v, Named.as("incident-out-decisions-cast"));
        return new Outputs(tallies, decisions, incidents, pages, metrics);
    }
}
