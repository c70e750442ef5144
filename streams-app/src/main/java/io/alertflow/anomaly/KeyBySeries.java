package io.alertflow.anomaly;

import io.alertflow.avro.MetricSample;
import io.alertflow.dlq.DeadLetters;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Keys a sample its producer left unkeyed by its series, before it moves to that series' partition; the headers
 * keep where it was written, so a dead letter made after the move names {@code metrics.samples}, not the
 * repartition topic.
 */
final class KeyBySeries implements Processor<String, MetricSample, String, MetricSample> {
    private ProcessorContext<String, MetricSample> context;

    @Override
    public void init(ProcessorContext<String, MetricSample> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, MetricSample> record) {
        context.forward(record.withKey(record.value().getSeries())
                .withHeaders(DeadLetters.withOrigin(record.headers(), context.recordMetadata())));
    }
}
