package io.alertflow.local;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Checks made before starting something, so that the common mistakes end in one sentence saying what to do
 * instead of a stack trace or a hang: a port already in use, a broker or gateway that cannot be reached.
 */
public final class Preflight {
    static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);

    private Preflight() {
    }

    /** Fails when {@code port} (0 = any, always fine) is taken on the loopback interface. */
    public static void requireFreePort(int port, String neededBy, String flag) {
        if (port != 0 && !EmbeddedKafka.isFree(port)) {
            throw new StartupProblem("port " + port + " is already in use; " + neededBy + " needs it. Stop the program "
                    + "listening there (e.g. an earlier ./alertflow up) or choose another port with " + flag + ".");
        }
    }

    /** Fails unless a Kafka cluster answers at the client settings' bootstrap servers within ten seconds. */
    public static void requireKafka(Map<String, Object> clientSettings) {
        Properties props = new Properties();
        props.putAll(clientSettings);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis());
        Object servers = props.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) KAFKA_TIMEOUT.toMillis()))
                    .clusterId().get(KAFKA_TIMEOUT.toMillis() + 2_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new StartupProblem("cannot reach Kafka at " + servers + " (bootstrap.servers) within " + KAFKA_TIMEOUT.toSeconds()
                    + " s. Is the broker running? Set the address with ALERTFLOW_BOOTSTRAP_SERVERS or bootstrap.servers in the "
                    + "configuration file (security settings go in as kafka.* keys).");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupProblem("interrupted while checking Kafka at " + servers);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new StartupProblem("cannot create a Kafka client for " + servers + ": " + rootMessage(e));
        }
    }

    /** Fails unless the gateway at {@code base} answers GET /health with 200. */
    public static void requireGateway(URI base) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/health")).timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new StartupProblem("the gateway at " + base + " is up but not healthy (" + response.statusCode() + " "
                        + response.body() + "): it cannot reach Kafka.");
            }
        } catch (ConnectException e) {
            throw new StartupProblem("nothing answers at " + base + ". Start Alertflow first (./alertflow up, or ./alertflow "
                    + "gateway against your cluster) or point --gateway at it.");
        } catch (IOException e) {
            throw new StartupProblem("cannot reach the gateway at " + base + ": " + rootMessage(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupProblem("interrupted while checking the gateway at " + base);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
