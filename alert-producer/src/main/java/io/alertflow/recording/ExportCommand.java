package io.alertflow.recording;

import io.alertflow.avro.ChangeEvent;
import io.alertflow.avro.IncidentAction;
import io.alertflow.avro.MaintenanceWindow;
import io.alertflow.avro.MetricSample;
import io.alertflow.avro.RawAlert;
import io.alertflow.avro.Service;
import io.alertflow.json.RecordJson;
import io.alertflow.json.RecordingWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code export}: records the input topics of a running cluster between two times as a JSON Lines recording. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reads the input topics of a running cluster (read_committed) between --from and --to and writes "
                + "them as a recording (SPEC §5 JSON Lines) in timestamp order, to stdout or --output. Stops at the end "
                + "offsets seen when it starts, so it terminates while producers keep writing."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:unexpected failure", "2:bad arguments or configuration, or the cluster cannot be read"})
public final class ExportCommand implements Callable<Integer> {
    /** The SPEC input topics a recording may hold, with their record types. */
    public static final Map<String, Class<? extends SpecificRecord>> INPUT_TOPICS = inputTopics();

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,…]",
            description = "Kafka brokers (default: bootstrap.servers of --config, else localhost:9092).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "Schema Registry (default: schema.registry.url of --config, else http://localhost:8081).")
    String registryUrl;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file: bootstrap.servers, schema.registry.url, basic.auth.*, topic.<name> renames, "
                    + "kafka.* consumer settings (security).")
    Path config;

    @Option(names = "--from", required = true, paramLabel = "TIME", description = "First record time, RFC 3339 or epoch ms (inclusive).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Last record time, RFC 3339 or epoch ms (exclusive; default: now).")
    String to;

    @Option(names = "--topics", split = ",", paramLabel = "TOPIC",
            description = "Input topics by SPEC name (default: all six: ${DEFAULT-VALUE}).",
            defaultValue = "alerts.raw,maintenance.windows,services,changes,incident.actions,metrics.samples")
    List<String> topics;

    @Option(names = "--output", paramLabel = "FILE.jsonl", description = "Write here instead of stdout.")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Clock clock;

    public ExportCommand() {
        this(Clock.systemUTC());
    }

    ExportCommand(Clock clock) {
        this.clock = clock;
    }

    private static Map<String, Class<? extends SpecificRecord>> inputTopics() {
        Map<String, Class<? extends SpecificRecord>> m = new LinkedHashMap<>();
        m.put("alerts.raw", RawAlert.class);
        m.put("maintenance.windows", MaintenanceWindow.class);
        m.put("services", Service.class);
        m.put("changes", ChangeEvent.class);
        m.put("incident.actions", IncidentAction.class);
        m.put("metrics.samples", MetricSample.class);
        return java.util.Collections.unmodifiableMap(m);
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            Map<String, String> file = config == null ? Map.of() : readProperties(config);
            Instant start = time("--from", from);
            Instant end = to == null ? clock.instant() : time("--to", to);
            List<TopicExport.Source> sources = sources(file);
            TopicExport export = new TopicExport(consumerConfig(file), serdeConfig(file), err);
            TopicExport.Summary summary;
            try (RecordingWriter writer = new RecordingWriter(output == null ? stdout() : Files.newBufferedWriter(output,
                    StandardCharsets.UTF_8))) {
                summary = export.export(sources, start, end, writer);
            }
            err.println("export: " + summary.written() + (summary.undecodable() > 0
                    ? ", " + summary.undecodable() + " undecodable records skipped" : ""));
            err.flush();
            return 0;
        } catch (IllegalArgumentException | KafkaException e) {
            err.println("export: " + e.getMessage());
        } catch (IOException e) {
            err.println("export: cannot read or write " + e.getMessage());
        }
        err.flush();
        return 2;
    }

    private Writer stdout() {
        Writer out = spec.commandLine().getOut();
        // picocli's out is a PrintWriter over System.out; closing the recording must not close stdout.
        return new java.io.FilterWriter(out) {
            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    List<TopicExport.Source> sources(Map<String, String> file) {
        List<TopicExport.Source> sources = new ArrayList<>();
        for (String name : topics) {
            Class<? extends SpecificRecord> type = INPUT_TOPICS.get(name.trim());
            if (type == null) {
                throw new IllegalArgumentException("'" + name + "' is not an input topic; choose from " + INPUT_TOPICS.keySet());
            }
            sources.add(new TopicExport.Source(name.trim(), file.getOrDefault("topic." + name.trim(), name.trim()), type));
        }
        return sources;
    }

    Map<String, Object> consumerConfig(Map<String, String> file) {
        Map<String, Object> c = new HashMap<>();
        file.forEach((k, v) -> {
            if (k.startsWith("kafka.")) {
                c.put(k.substring("kafka.".length()), v);
            }
        });
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers != null ? bootstrapServers
                : file.getOrDefault("bootstrap.servers", "localhost:9092"));
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "alertflow-export");
        return c;
    }

    Map<String, Object> serdeConfig(Map<String, String> file) {
        Map<String, Object> s = new HashMap<>();
        file.forEach((k, v) -> {
            if (k.startsWith("schema.registry.") || k.startsWith("basic.auth.")) {
                s.put(k, v);
            }
        });
        s.put("schema.registry.url", registryUrl != null ? registryUrl
                : file.getOrDefault("schema.registry.url", "http://localhost:8081"));
        return s;
    }

    /** RFC 3339 (any offset) or epoch milliseconds. */
    static Instant time(String option, String text) {
        String t = text.trim();
        if (t.matches("-?\\d+")) {
            return Instant.ofEpochMilli(Long.parseLong(t));
        }
        try {
            return RecordJson.parseInstant(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " must be an RFC 3339 time (2026-11-21T10:00:00Z) or epoch "
                    + "milliseconds, got '" + text + "'");
        }
    }

    private static Map<String, String> readProperties(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> m = new HashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k).trim()));
        return m;
    }

    /** Runs the command with {@code args}; returns the exit code. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new ExportCommand());
        cli.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false));
        return cli.execute(args);
    }
}
