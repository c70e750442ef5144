package io.alertflow.dlq;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output record that cannot be serialized or is rejected by the broker (e.g. too large) sends its input
 * to the DLQ and the stream thread continues; retriable broker errors are retried.
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

    private DeadLetterProducer producer;

    @Override
    public void configure(Map<String, ?> configs) {
        producer = DeadLetterProducer.fromStreamsConfig(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        String error = "the output to " + record.topic() + " was rejected: " + DeadLetterProducer.describe(exception)
                + "; the input that produced it is kept here";
        LOG.warn("dead-lettered {}-{}@{}: {}", context.topic(), context.partition(), context.offset(), error);
        return Response.resume(producer.records(context, "produce", error));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        if (DeadLetterProducer.isRegistryOutage(exception)) {
            LOG.error("the Schema Registry is unavailable while writing to {}; failing instead of dead-lettering: {}",
                    record.topic(), exception.getMessage());
            return Response.fail();
        }
        String error = "cannot serialize the " + origin.name().toLowerCase() + " of an output to " + record.topic() + ": "
                + DeadLetterProducer.describe(exception) + "; the input that produced it is kept here";
        LOG.warn("dead-lettered {}-{}@{}: {}", context.topic(), context.partition(), context.offset(), error);
        return Response.resume(producer.records(context, "serialize", error));
    }
}
