package io.alertflow.dlq;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record of any input topic that cannot be deserialized goes to the DLQ with its original bytes and the
 * reason, and the stream thread continues. Bad input is expected: one WARN line, no stack trace.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private DeadLetterProducer producer;

    @Override
    public void configure(Map<String, ?> configs) {
        producer = DeadLetterProducer.fromStreamsConfig(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (DeadLetterProducer.isRegistryOutage(exception)) {
            LOG.error("the Schema Registry is unavailable while reading {}-{}@{}; failing instead of dead-lettering a "
                    + "good record: {}", record.topic(), record.partition(), record.offset(), exception.getMessage());
            return Response.fail();
        }
        String error = "cannot deserialize the record from " + record.topic() + ": " + DeadLetterProducer.describe(exception)
                + "; check the producer and its schema, the original bytes are kept here";
        LOG.warn("dead-lettered {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), error);
        return Response.resume(producer.records(context, "deserialize", error));
    }
}
