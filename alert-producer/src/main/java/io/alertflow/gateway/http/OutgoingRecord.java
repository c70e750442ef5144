package io.alertflow.gateway.http;

import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;

/**
 * One record a request writes to Kafka.
 *
 * @param topic destination topic
 * @param key record key (UTF-8 string), may be null
 * @param value the record, null for a tombstone
 * @param timestamp record timestamp: the time the gateway received the request
 */
public record OutgoingRecord(String topic, String key, SpecificRecord value, Instant timestamp) {
}
