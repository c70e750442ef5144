package io.alertflow.anomaly;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the rate-of-change detector remembers about one metric series: the samples still needed by future
 * windows (sorted by time, so arrival order does not matter), the last evaluated tick and the raise state.
 * Mutable; owned by one processor at a time.
 */
public final class SeriesState {
    /** {@link #lastEvaluatedTick()} of a series that has not seen a sample yet. */
    public static final long NOT_STARTED = Long.MIN_VALUE;

    private final String service;
    private final String name;
    private final List<Point> points;
    private long lastEvaluatedTick;
    private long newestAt;
    private int above;
    private int calm;
    private boolean raised;

    /** A series with no samples yet. */
    public SeriesState(String service, String name) {
        this(service, name, new ArrayList<>(), NOT_STARTED, Long.MIN_VALUE, 0, 0, false);
    }

    SeriesState(String service, String name, List<Point> points, long lastEvaluatedTick, long newestAt, int above,
                int calm, boolean raised) {
        this.service = service;
        this.name = name;
        this.points = points;
        this.lastEvaluatedTick = lastEvaluatedTick;
        this.newestAt = newestAt;
        this.above = above;
        this.calm = calm;
        this.raised = raised;
    }

    public String service() {
        return service;
    }

    public String name() {
        return name;
    }

    /** Buffered samples, oldest first (read-only view). */
    public List<Point> points() {
        return Collections.unmodifiableList(points);
    }

    public long lastEvaluatedTick() {
        return lastEvaluatedTick;
    }

    /** Event time of the newest sample seen (epoch ms); {@code Long.MIN_VALUE} before the first. */
    public long newestAt() {
        return newestAt;
    }

    public boolean raised() {
        return raised;
    }

    int above() {
        return above;
    }

    int calm() {
        return calm;
    }

    boolean started() {
        return lastEvaluatedTick != NOT_STARTED;
    }

    void start(long lastEvaluatedTick) {
        this.lastEvaluatedTick = lastEvaluatedTick;
    }

    /** Inserts keeping time order; equal times are ordered by value so the result is arrival-independent. */
    void insert(Point p) {
        int i = Collections.binarySearch(points, p);
        points.add(i < 0 ? -i - 1 : i, p);
        newestAt = Math.max(newestAt, p.at());
    }

    void dropOldest() {
        points.remove(0);
    }

    /** Forgets samples at or before {@code at}: no future window reaches them. */
    void pruneThrough(long at) {
        int keep = 0;
        while (keep < points.size() && points.get(keep).at() <= at) {
            keep++;
        }
        points.subList(0, keep).clear();
    }

    /** Samples in the window {@code (from, to]}. */
    List<Point> between(long from, long to) {
        List<Point> out = new ArrayList<>();
        for (Point p : points) {
            if (p.at() > from && p.at() <= to) {
                out.add(p);
            }
        }
        return out;
    }

    void evaluated(long tick) {
        lastEvaluatedTick = tick;
    }

    void count(int above, int calm) {
        this.above = above;
        this.calm = calm;
    }

    void raised(boolean raised) {
        this.raised = raised;
        this.above = 0;
        this.calm = 0;
    }
}
