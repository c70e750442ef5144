package io.alertflow.validation;

import org.apache.kafka.common.utils.Utils;

/**
 * How many partitions the alert sources ({@code alerts.raw}, {@code alerts.synthetic}) span, so validation can tell
 * whether an alert keyed by its fingerprint also sits on the partition Kafka's default partitioner gives that key.
 *
 * <p>Deduplication's state, the repartition of unkeyed alerts and the query API's owner lookup all place a
 * fingerprint by murmur2 of its key. A producer that keys by fingerprint but partitions otherwise (librdkafka's
 * default {@code consistent_random} is CRC32, or an explicit partition) would split one alert's notifications
 * over two deduplication tasks: two FIRED changes, and an alert the API cannot find. Such records are moved.
 *
 * @param count the number of tasks reading the alert sources (the larger partition count of the two), or 0 when
 *     unknown (a test driver, what-if: one partition, so every key is in place)
 */
public record AlertPartitions(int count) {
    /** Nothing known: a key equal to the fingerprint is trusted to be in place. */
    public static final AlertPartitions UNKNOWN = new AlertPartitions(0);

    public AlertPartitions {
        if (count < 0) {
            throw new IllegalArgumentException("partition count must be 0 (unknown) or positive, got " + count);
        }
    }

    /** Whether a record with these key bytes on {@code partition} is where the default partitioner would put it. */
    public boolean placedByKey(byte[] key, int partition) {
        return count == 0 || partitionOf(key) == partition;
    }

    /** The default partitioner's partition for a non-null key (the producer's {@code BuiltInPartitioner}). */
    int partitionOf(byte[] key) {
        return Utils.toPositive(Utils.murmur2(key)) % count;
    }
}
