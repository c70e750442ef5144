package io.alertflow.simulator;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts what a playback sent and how the gateway answered, printed at the end of a run.
 */
public final class PlaybackSummary {
    private long requests;
    private long alertNotifications;
    private long resends;
    private long otherRecords;
    private long failedRequests;
    private final Map<Integer, Long> statuses = new TreeMap<>();
    private String firstFailure;
    private Duration elapsed = Duration.ZERO;

    synchronized void record(GatewayClient.Response response, int alerts, int others, boolean resend) {
        requests++;
        statuses.merge(response.status(), 1L, Long::sum);
        if (!response.ok()) {
            failedRequests++;
            if (firstFailure == null) {
                firstFailure = response.status() + " " + response.body();
            }
            return;
        }
        alertNotifications += alerts;
        otherRecords += others;
        if (resend) {
            resends += alerts;
        }
    }

    void finish(Duration elapsed) {
        this.elapsed = elapsed;
    }

    public synchronized long requests() {
        return requests;
    }

    /** Alert notifications accepted, re-sends included. */
    public synchronized long alertNotifications() {
        return alertNotifications;
    }

    public synchronized long resends() {
        return resends;
    }

    /** Services, windows, changes, actions and samples accepted. */
    public synchronized long otherRecords() {
        return otherRecords;
    }

    public synchronized long failedRequests() {
        return failedRequests;
    }

    /** The first refused request's status and answer, or null. */
    public synchronized String firstFailure() {
        return firstFailure;
    }

    public synchronized Map<Integer, Long> statuses() {
        return Map.copyOf(statuses);
    }

    @Override
    public synchronized String toString() {
        double seconds = Math.max(0.001, elapsed.toMillis() / 1000.0);
        return String.format("requests %d (%s), alert notifications %d (re-sends %d), other records %d, failed %d, %.1f s, %.0f alerts/s%s",
                requests, statuses, alertNotifications, resends, otherRecords, failedRequests, seconds, alertNotifications / seconds,
                firstFailure == null ? "" : "\nfirst failure: " + firstFailure);
    }
}
