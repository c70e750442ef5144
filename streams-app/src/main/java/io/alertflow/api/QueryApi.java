package io.alertflow.api;

import io.alertflow.api.prometheus.ApiMetrics;
import io.alertflow.streams.config.AlertflowConfig;
import java.time.Clock;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/** Starts the HTTP API of one streams instance from its configuration; {@code main} and the embedded stack use it. */
public final class QueryApi {
    private QueryApi() {
    }

    /** Serves {@code streams} (started or starting) on {@code api.host:api.port}, metrics from {@code metrics}. */
    public static ApiServer start(AlertflowConfig cfg, KafkaStreams streams, ApiMetrics metrics) {
        KafkaStreamsState state = new KafkaStreamsState(streams, HostInfo.buildFromEndpoint(cfg.applicationServer()));
        metrics.withState(state, Clock.systemUTC()).withStreams(streams);
        StateLookup lookup = new StateLookup(state, state, new RemoteInstances(cfg.duration("api.forward-timeout")));
        return ApiServer.start(cfg.string("api.host"), cfg.integer("api.port"), lookup, state, metrics::scrape, Clock.systemUTC());
    }
}
