package io.alertflow.dlq;

import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record whose processing throws goes to the DLQ (original input bytes, the failing processor as stage)
 * and the stream thread continues. Stages reject expected bad input themselves, so reaching this handler
 * means a bug: it logs with the stack trace.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private DeadLetterProducer producer;

    @Override
    public void configure(Map<String, ?> configs) {
        producer = DeadLetterProducer.fromStreamsConfig(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (DeadLetterProducer.isRegistryOutage(exception)) {
            LOG.error("the Schema Registry is unavailable in {} at {}-{}@{}; failing instead of dead-lettering a good "
                    + "record: {}", context.processorNodeId(), context.topic(), context.partition(), context.offset(),
                    exception.getMessage());
            return Response.fail();
        }
        String error = "processor " + context.processorNodeId() + " failed on this record: " + exception.getClass().getSimpleName()
                + ": " + DeadLetterProducer.describe(exception) + "; this is a bug in Alertflow, report it with this record";
        LOG.error("dead-lettered {}-{}@{} after a processing error in {}", context.topic(), context.partition(),
                context.offset(), context.processorNodeId(), exception);
        return Response.resume(producer.records(context, context.processorNodeId(), error));
    }
}
