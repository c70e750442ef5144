package io.alertflow.simulator;

import io.alertflow.gateway.GatewayConfig;
import io.alertflow.gateway.GatewayServer;
import io.alertflow.gateway.http.OutgoingRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The real gateway HTTP server with a sink that keeps records in memory instead of writing to Kafka. */
final class InMemoryGateway implements AutoCloseable {
    final List<OutgoingRecord> records = Collections.synchronizedList(new ArrayList<>());
    final GatewayServer server;

    InMemoryGateway() {
        server = GatewayServer.start(GatewayConfig.of(Map.of(GatewayConfig.PORT, "0", GatewayConfig.HOST, "127.0.0.1")),
                records::addAll, () -> null, Clock.systemUTC(), List.of());
    }

    List<OutgoingRecord> on(String topic) {
        synchronized (records) {
            return records.stream().filter(r -> r.topic().equals(topic)).toList();
        }
    }

    GatewayClient client() {
        return new GatewayClient(server.uri(), null);
    }

    @Override
    public void close() {
        server.close();
    }
}
