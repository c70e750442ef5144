package io.alertflow.gateway.kafka;

import io.alertflow.gateway.GatewayConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Answers whether the Kafka cluster is reachable, with one long-lived admin client and a short
 * timeout, remembering the answer for one second so a busy health checker costs the cluster little.
 */
public final class KafkaHealth implements AutoCloseable {
    private static final long CACHE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Admin admin;
    private final Duration timeout;
    private volatile long checkedAt;
    private volatile String lastProblem = "not checked yet";

    public KafkaHealth(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
        this.checkedAt = System.nanoTime() - 2 * CACHE_NANOS;
    }

    /** An admin client on the gateway's cluster settings. */
    public static KafkaHealth create(GatewayConfig config) {
        Map<String, Object> props = new HashMap<>(config.kafka());
        int ms = (int) config.healthTimeout().toMillis();
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "alertflow-gateway-health");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        return new KafkaHealth(Admin.create(props), config.healthTimeout());
    }

    /** Null when the cluster answered recently, else why it did not. */
    public synchronized String problem() {
        if (System.nanoTime() - checkedAt < CACHE_NANOS) {
            return lastProblem;
        }
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .clusterId().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
            lastProblem = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lastProblem = "interrupted";
        } catch (Exception e) {
            lastProblem = "Kafka did not answer within " + timeout + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
        }
        checkedAt = System.nanoTime();
        return lastProblem;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
