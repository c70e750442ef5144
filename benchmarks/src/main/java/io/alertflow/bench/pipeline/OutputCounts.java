package io.alertflow.bench.pipeline;

import io.alertflow.bench.progress.GroupLag;
import io.alertflow.streams.topics.Topics;
import java.util.Locale;

/** What a full run wrote, so a benchmark whose input all went to the dead-letter topic cannot pass unnoticed. */
final class OutputCounts {
    private OutputCounts() {
    }

    /** Record counts (end offsets, transaction markers included) of the run's main output topics. */
    static String describe(GroupLag lag, Topics topics, String run, long inputRecords) throws Exception {
        long written = 0;
        StringBuilder internal = new StringBuilder();
        for (String topic : new java.util.TreeSet<>(lag.admin().listTopics().names().get())) {
            if (topic.contains(run)) {
                long size = lag.size(topic);
                written += size;
                internal.append(String.format(Locale.ROOT, "%n    %-70s %,10d", topic, size));
            }
        }
        return String.format(Locale.ROOT, "  records written by the run (incl. txn markers): %,d = %.2f per input record%s%n", written,
                (double) written / Math.max(1, inputRecords), internal) + String.format(Locale.ROOT, "  outputs (end offsets incl. txn markers): incidents %,d, pages %,d, suppressed %,d, dlq %,d, anomalies %,d",
                lag.size(topics.incidents().name()), lag.size(topics.pages().name()), lag.size(topics.alertsSuppressed().name()),
                lag.size(topics.alertsDlq().name()), lag.size(topics.anomalies().name()));
    }
}
