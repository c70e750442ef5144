package io.alertflow.streams.topics;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * One topic declared once: its name (from configuration), its key and value serdes, and whether it is
 * compacted; stages read and write it only through this object.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean compacted) {

    /** How a stage reads the topic, with the source processor named {@code processorName}. */
    public Consumed<K, V> consumed(String processorName) {
        return Consumed.with(keySerde, valueSerde).withName(processorName);
    }

    /** How a stage writes the topic, with the sink processor named {@code processorName}. */
    public Produced<K, V> produced(String processorName) {
        return Produced.with(keySerde, valueSerde).withName(processorName);
    }

    /** The same topic read as raw bytes, for stages that must keep the original bytes (dead letters). */
    public Topic<byte[], byte[]> bytes() {
        return new Topic<>(name, Serdes.ByteArray(), Serdes.ByteArray(), compacted);
    }
}
