package io.alertflow.incident;

import io.alertflow.avro.Decision;
import io.alertflow.avro.Incident;
import io.alertflow.avro.IncidentMetrics;
import io.alertflow.avro.Page;
import io.alertflow.avro.Tally;

/** What the engine emits; the stream processor forwards each to its topic. */
public interface IncidentOutput {
    /** The event time of what is emitted next (a timer's due time, or the input's own time). */
    void clock(java.time.Instant eventTime);

    void incident(Incident incident);

    void page(Page page);

    void metrics(IncidentMetrics metrics);

    void tally(Tally tally);

    /** An entry of the incident index: "fp:&lt;fingerprint&gt;" → incident id, "id:&lt;id&gt;" → correlation key; null deletes. */
    void index(String key, String value);

    /** An input the engine cannot apply, with a sentence a person can act on. */
    void rejected(Object input, String reason);

    /** A decision about one alert (which incident it went to, whether that paged), for "why did this (not) page". */
    default void decision(Decision decision) {
    }
}
