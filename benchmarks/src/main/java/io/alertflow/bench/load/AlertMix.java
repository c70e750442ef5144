package io.alertflow.bench.load;

import io.alertflow.alert.Fingerprint;
import io.alertflow.avro.AlertStatus;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Severity;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Generates the benchmark's alert notifications. {@link Kind#REALISTIC}: {@code distinct} alerts (one per
 * service and rule), of which those firing are re-sent most of the time (~90 % of notifications), some
 * resolve, resolved ones fire again (flaps) and a new firing cascades to the callers of its service with
 * probability {@link #CASCADE_PROBABILITY}. {@link Kind#ALL_UNIQUE}: every notification is a new alert
 * (the worst case: each one reaches correlation). Deterministic for a seed; counts what it produced.
 */
public final class AlertMix {
    /** Which mix to generate. */
    public enum Kind { REALISTIC, ALL_UNIQUE }

    static final double RESEND = 0.90;
    static final double RESOLVE = 0.035;
    static final double CASCADE_PROBABILITY = 0.3;
    private static final Severity[] SEVERITIES = {Severity.CRITICAL, Severity.ERROR, Severity.WARNING, Severity.WARNING, Severity.INFO};

    private final Kind kind;
    private final ServiceCatalog catalog;
    private final int rules;
    private final Random random;
    private final IndexSet firing;
    private final IndexSet idle;
    private final boolean[] everFired;
    private final Deque<Integer> cascade = new ArrayDeque<>();
    private final MixCounts counts = new MixCounts();
    private final Map<Integer, String> fingerprints = new HashMap<>();
    private long sequence;

    private AlertMix(Kind kind, ServiceCatalog catalog, int rules, long seed) {
        this.kind = kind;
        this.catalog = catalog;
        this.rules = rules;
        this.random = new Random(seed);
        int distinct = catalog.size() * rules;
        this.firing = new IndexSet(distinct);
        this.idle = new IndexSet(distinct);
        this.everFired = new boolean[distinct];
        for (int i = 0; i < distinct; i++) {
            idle.add(i);
        }
    }

    /** A generator over {@code catalog} with {@code rules} alert rules: catalog size × rules distinct alerts. */
    public static AlertMix of(Kind kind, ServiceCatalog catalog, int rules, long seed) {
        return new AlertMix(kind, catalog, rules, seed);
    }

    /** The next notification, received at {@code receivedAt}. */
    public RawAlert next(Instant receivedAt) {
        if (kind == Kind.ALL_UNIQUE) {
            counts.firstFirings++;
            int alert = random.nextInt(catalog.size() * rules);
            return alert(alert, "u" + sequence++, AlertStatus.FIRING, receivedAt);
        }
        if (!cascade.isEmpty()) {
            return fire(cascade.poll(), receivedAt);
        }
        double dice = random.nextDouble();
        if (firing.size() > 0 && dice < RESEND) {
            counts.resends++;
            return alert(firing.random(random), null, AlertStatus.FIRING, receivedAt);
        }
        if (firing.size() > 0 && dice < RESEND + RESOLVE) {
            int alert = firing.random(random);
            firing.remove(alert);
            idle.add(alert);
            counts.resolves++;
            return alert(alert, null, AlertStatus.RESOLVED, receivedAt);
        }
        return idle.size() > 0 ? fire(idle.random(random), receivedAt)
                : alert(firing.random(random), null, AlertStatus.FIRING, receivedAt);
    }

    private RawAlert fire(int alert, Instant receivedAt) {
        if (firing.contains(alert)) {
            counts.resends++;
            return alert(alert, null, AlertStatus.FIRING, receivedAt);
        }
        idle.remove(alert);
        firing.add(alert);
        if (everFired[alert]) {
            counts.flaps++;
        } else {
            counts.firstFirings++;
            everFired[alert] = true;
        }
        int service = alert / rules;
        for (int caller : catalog.callersOf(service)) {
            if (random.nextDouble() < CASCADE_PROBABILITY) {
                counts.cascaded++;
                cascade.add(caller * rules + (alert % rules + 1) % rules);
            }
        }
        return alert(alert, null, AlertStatus.FIRING, receivedAt);
    }

    private RawAlert alert(int alert, String uniqueInstance, AlertStatus status, Instant receivedAt) {
        int service = alert / rules;
        int rule = alert % rules;
        String serviceName = ServiceCatalog.name(service);
        Map<String, String> labels = new HashMap<>();
        labels.put("alertname", String.format("Rule%02d", rule));
        labels.put("service", serviceName);
        labels.put("instance", uniqueInstance == null ? serviceName + "-0:9100" : uniqueInstance);
        labels.put("job", "node");
        labels.put("severity", SEVERITIES[rule % SEVERITIES.length].name().toLowerCase(java.util.Locale.ROOT));
        String fingerprint = uniqueInstance == null ? fingerprints.computeIfAbsent(alert, a -> Fingerprint.of(labels))
                : Fingerprint.of(labels);
        if (MaintenanceWindows.coversService(service)) {
            counts.inMaintenance++;
        }
        counts.total++;
        return RawAlert.newBuilder().setFingerprint(fingerprint).setSource("prometheus").setStatus(status)
                .setSeverity(SEVERITIES[rule % SEVERITIES.length]).setLabels(labels)
                .setAnnotations(Map.of("summary", labels.get("alertname") + " on " + serviceName,
                        "runbook_url", "https://runbooks.example/" + labels.get("alertname")))
                .setStartsAt(receivedAt.minusSeconds(30)).setEndsAt(status == AlertStatus.RESOLVED ? receivedAt : null)
                .setReceivedAt(receivedAt).setGeneratorUrl("http://prometheus:9090/graph?g0.expr=rule" + rule)
                .setValue(1.0 + rule).build();
    }

    /** What has been generated so far. */
    public MixCounts counts() {
        return counts;
    }

    /** A set of ints below a bound with O(1) add, remove and uniform random pick. */
    private static final class IndexSet {
        private final int[] items;
        private final int[] positions;
        private int size;

        IndexSet(int bound) {
            items = new int[bound];
            positions = new int[bound];
            Arrays.fill(positions, -1);
        }

        void add(int value) {
            if (positions[value] < 0) {
                items[size] = value;
                positions[value] = size++;
            }
        }

        void remove(int value) {
            int at = positions[value];
            if (at >= 0) {
                int last = items[--size];
                items[at] = last;
                positions[last] = at;
                positions[value] = -1;
            }
        }

        boolean contains(int value) {
            return positions[value] >= 0;
        }

        int random(Random random) {
            return items[random.nextInt(size)];
        }

        int size() {
            return size;
        }
    }
}
