package io.alertflow.streams.topics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the topics of {@link Topics} that do not exist yet (demo, tests, a fresh cluster), and reads their partition counts. */
public final class TopicProvisioner {
    private TopicProvisioner() {
    }

    /** Creates every missing topic with the given partitions and replication; returns the names created. */
    public static List<String> createMissing(Properties adminProps, List<Topic<?, ?>> topics, int partitions, short replication)
            throws InterruptedException {
        try (Admin admin = Admin.create(adminProps)) {
            Set<String> existing;
            try {
                existing = admin.listTopics().names().get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot list topics on " + adminProps.get("bootstrap.servers") + ": "
                        + e.getCause().getMessage(), e.getCause());
            }
            List<NewTopic> missing = new ArrayList<>();
            for (Topic<?, ?> t : topics) {
                if (!existing.contains(t.name())) {
                    missing.add(new NewTopic(t.name(), partitions, replication).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                            t.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE)));
                }
            }
            if (!missing.isEmpty()) {
                createTolerantly(admin, missing);
            }
            return missing.stream().map(NewTopic::name).toList();
        }
    }

    /** The partition count of each named topic, in the given order; fails naming the cluster if one cannot be described. */
    public static Map<String, Integer> partitionCounts(Properties adminProps, List<String> names) throws InterruptedException {
        try (Admin admin = Admin.create(adminProps)) {
            Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
            Map<String, Integer> counts = new LinkedHashMap<>();
            names.forEach(name -> counts.put(name, described.get(name).partitions().size()));
            return counts;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe topics " + names + " on " + adminProps.get("bootstrap.servers")
                    + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Another instance may create the same topics at the same moment; that is fine. */
    private static void createTolerantly(Admin admin, List<NewTopic> missing) throws InterruptedException {
        try {
            admin.createTopics(missing).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topics " + missing.stream().map(NewTopic::name).toList()
                        + ": " + e.getCause().getMessage(), e.getCause());
            }
        }
    }
}
