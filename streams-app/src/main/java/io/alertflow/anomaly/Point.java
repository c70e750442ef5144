package io.alertflow.anomaly;

/** One metric sample: event time (epoch ms) and a finite value. */
public record Point(long at, double value) implements Comparable<Point> {

    /** Orders by time, then value, so that equal-time samples sort the same whatever their arrival order. */
    @Override
    public int compareTo(Point o) {
        int byTime = Long.compare(at, o.at);
        return byTime != 0 ? byTime : Double.compare(value, o.value);
    }
}
