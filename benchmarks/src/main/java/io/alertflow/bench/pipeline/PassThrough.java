package io.alertflow.bench.pipeline;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/** The baseline: consume → mapValues → produce on raw bytes, the least a Kafka Streams app can do per record. */
public final class PassThrough {
    private PassThrough() {
    }

    /** A topology copying {@code input} to {@code output} record by record. */
    public static Topology build(String input, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("passthrough-source"))
                .mapValues(v -> v, Named.as("passthrough-map"))
                .to(output, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("passthrough-sink"));
        return builder.build();
    }
}
