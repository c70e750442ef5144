package io.alertflow.local.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/CONFIGURATION.md lists exactly the keys the code reads, with the code's defaults and a meaning for each. */
class ConfigReferenceTest {
    static final Path DOC = Path.of("..", "docs", "CONFIGURATION.md");
    static final String REGENERATE = "regenerate it: java -cp 'local-stack/target/lib/*:local-stack/target/classes' "
            + "io.alertflow.local.config.ConfigReference docs/CONFIGURATION.md";
    /** ConfigSource getters called with a literal key: how the code reads keys outside the setting lists. */
    static final Pattern LITERAL_READ = Pattern.compile(
            "\\.(?:string|optional|integer|longValue|decimal|bool|duration|list|positive)\\(\"([a-z][a-z0-9]*(?:[.-][a-zA-Z0-9]+)+)\"\\)");
    static final Pattern DOC_ROW = Pattern.compile("^\\| `([^`]+)` \\|", Pattern.MULTILINE);

    /** With {@code -Dalertflow.regenerate-docs=true} the test rewrites the document instead of failing. */
    @Test
    void theDocumentIsUpToDateWithTheCodesSettingLists() throws IOException {
        String current = Files.readString(DOC, StandardCharsets.UTF_8);
        String expected = ConfigReference.update(current, ConfigCatalog.sections());
        if (Boolean.getBoolean("alertflow.regenerate-docs")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        }
        String doc = Boolean.getBoolean("alertflow.regenerate-docs") ? expected : current;
        List<String> missing = expected.lines().filter(l -> !doc.contains(l)).toList();
        List<String> stale = doc.lines().filter(l -> !expected.contains(l)).toList();
        assertEquals(expected, doc, "docs/CONFIGURATION.md is out of date; " + REGENERATE
                + " (or run this test with -Dalertflow.regenerate-docs=true)\nmissing lines: " + missing + "\nstale lines: " + stale);
    }

    @Test
    void everyKeyTheCodeListsIsDocumentedOnceForItsAppAndEveryDocumentedKeyIsListed() throws IOException {
        Map<String, Set<String>> documented = documentedKeysBySection();
        for (ConfigCatalog.Section section : ConfigCatalog.sections()) {
            Set<String> inCode = section.keys().stream().map(ConfigKey::key).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(inCode, documented.get(section.id()), "section " + section.id() + "; " + REGENERATE);
        }
        assertEquals(ConfigCatalog.sections().stream().map(ConfigCatalog.Section::id).collect(Collectors.toCollection(TreeSet::new)),
                new TreeSet<>(documented.keySet()), "generated sections of docs/CONFIGURATION.md");
    }

    @Test
    void theCoreListsAreFoundSoTheReferenceCannotSilentlyShrink() {
        List<String> ids = ConfigCatalog.sections().stream().map(ConfigCatalog.Section::id).toList();
        assertTrue(ids.containsAll(List.of("streams-core", "streams-incident", "streams-anomaly", "gateway", "serde")), ids.toString());
        Set<String> streams = ConfigCatalog.defaultsOf("streams").keySet();
        assertTrue(streams.containsAll(List.of("bootstrap.servers", "alert.stale-after", "resolve.observation",
                "anomaly.metric.window")), streams.toString());
    }

    @Test
    void everyKeyHasAMeaning() {
        for (ConfigCatalog.Section section : ConfigCatalog.sections()) {
            for (ConfigKey key : section.keys()) {
                assertTrue(key.meaning() != null && !key.meaning().isBlank(),
                        key.key() + " (" + section.id() + ") has no meaning: document it in the code's setting list or in "
                                + "local-stack/src/main/resources/io/alertflow/local/config/meanings.properties");
            }
        }
    }

    @Test
    void everyKeyTheCodeReadsByNameIsDocumented() throws IOException {
        Set<String> documented = new TreeSet<>();
        documentedKeysBySection().values().forEach(documented::addAll);
        Map<String, String> undocumented = new TreeMap<>();
        for (String module : List.of("schemas", "streams-app", "alert-producer")) {
            try (Stream<Path> files = Files.walk(Path.of("..", module, "src", "main", "java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = LITERAL_READ.matcher(Files.readString(file, StandardCharsets.UTF_8));
                    while (m.find()) {
                        if (!documented.contains(m.group(1))) {
                            undocumented.put(m.group(1), file.getFileName().toString());
                        }
                    }
                }
            }
        }
        assertEquals(Map.of(), undocumented, "keys read in the code but missing from docs/CONFIGURATION.md (add them to a setting list)");
    }

    @Test
    void tablesShowTheEnvironmentVariableOnlyWhereItTakesEffect() {
        ConfigCatalog.Section serde = ConfigCatalog.sections().stream().filter(s -> s.id().equals("serde")).findFirst().orElseThrow();
        String block = ConfigReference.block(serde);
        // The registry's auth keys have no default; ConfigSource maps their family of variables all the same.
        assertTrue(block.contains("| `basic.auth.user.info` | (none) | `ALERTFLOW_BASIC_AUTH_USER_INFO` |"), block);
        // A serde key outside those families and without an app default is read from the file only.
        assertTrue(block.contains("| `auto.register.schemas` | `true` | file only |"), block);
        ConfigCatalog.Section gateway = ConfigCatalog.sections().stream().filter(s -> s.id().equals("gateway")).findFirst().orElseThrow();
        assertTrue(ConfigReference.block(gateway).contains("| `gateway.port` | `8080` | `ALERTFLOW_GATEWAY_PORT` |"));
    }

    @Test
    void updatingKeepsTheProseAndAppendsMissingSections() {
        ConfigCatalog.Section s = new ConfigCatalog.Section("demo", "gateway", "Demo keys",
                List.of(new ConfigKey("gateway.port", "8080", "port | with a pipe")));
        String doc = "# Title\n\nprose\n\n<!-- generated:demo -->\nstale\n<!-- /generated:demo -->\n\nmore prose\n";
        String updated = ConfigReference.update(doc, List.of(s));
        assertTrue(updated.startsWith("# Title\n\nprose\n\n<!-- generated:demo -->\n| key |"), updated);
        assertTrue(updated.contains("| `gateway.port` | `8080` | `ALERTFLOW_GATEWAY_PORT` | port \\| with a pipe |"), updated);
        assertTrue(updated.endsWith("<!-- /generated:demo -->\n\nmore prose\n"), updated);
        String appended = ConfigReference.update("# Title\n", List.of(s));
        assertTrue(appended.contains("## Demo keys\n\n<!-- generated:demo -->"), appended);
    }

    static Map<String, Set<String>> documentedKeysBySection() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        Map<String, Set<String>> keys = new TreeMap<>();
        for (String id : ConfigReference.blockIds(doc)) {
            int from = doc.indexOf("<!-- generated:" + id + " -->");
            int to = doc.indexOf("<!-- /generated:" + id + " -->");
            Matcher m = DOC_ROW.matcher(doc.substring(from, to));
            Set<String> found = new TreeSet<>();
            while (m.find()) {
                found.add(m.group(1));
            }
            keys.put(id, found);
        }
        return keys;
    }
}
