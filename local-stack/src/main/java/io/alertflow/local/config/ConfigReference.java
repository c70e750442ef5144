package io.alertflow.local.config;

import io.alertflow.config.ConfigSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the key tables of docs/CONFIGURATION.md from {@link ConfigCatalog}: each section lives between
 * {@code <!-- generated:ID -->} and {@code <!-- /generated:ID -->} markers, and the prose around them is kept.
 * Run {@code java -cp 'local-stack/target/lib/*:local-stack/target/classes' io.alertflow.local.config.ConfigReference
 * docs/CONFIGURATION.md} after adding a key; a test fails while the document is out of date.
 */
public final class ConfigReference {
    private static final Pattern BLOCK = Pattern.compile("<!-- generated:([a-z-]+) -->\\n.*?<!-- /generated:\\1 -->", Pattern.DOTALL);

    private ConfigReference() {
    }

    /** Regenerates the tables of the document at {@code args[0]} in place. */
    public static void main(String[] args) throws IOException {
        Path doc = Path.of(args.length > 0 ? args[0] : "docs/CONFIGURATION.md");
        String current = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "# Configuration\n";
        String updated = update(current, ConfigCatalog.sections());
        Files.writeString(doc, updated, StandardCharsets.UTF_8);
        System.out.println(updated.equals(current) ? doc + " is up to date" : "updated " + doc);
    }

    /** The document with every section's block replaced by its current table; missing sections are appended. */
    public static String update(String document, List<ConfigCatalog.Section> sections) {
        String out = document;
        for (ConfigCatalog.Section section : sections) {
            String block = block(section);
            Matcher m = Pattern.compile("<!-- generated:" + Pattern.quote(section.id()) + " -->\\n.*?<!-- /generated:"
                    + Pattern.quote(section.id()) + " -->", Pattern.DOTALL).matcher(out);
            if (m.find()) {
                out = out.substring(0, m.start()) + block + out.substring(m.end());
            } else {
                out = out.stripTrailing() + "\n\n## " + section.title() + "\n\n" + block + "\n";
            }
        }
        return out;
    }

    /** The ids of the generated blocks a document holds. */
    public static List<String> blockIds(String document) {
        return BLOCK.matcher(document).results().map(r -> r.group(1)).toList();
    }

    /** One section's marked table. */
    static String block(ConfigCatalog.Section section) {
        Set<String> envKeys = section.app().equals("both") ? union() : ConfigCatalog.envOverridable(section.app());
        StringBuilder b = new StringBuilder();
        b.append("<!-- generated:").append(section.id()).append(" -->\n");
        b.append("| key | default | environment variable | meaning |\n");
        b.append("| --- | --- | --- | --- |\n");
        for (ConfigKey k : section.keys()) {
            b.append("| `").append(k.key()).append("` | ")
                    .append(k.defaultValue() == null || k.defaultValue().isEmpty() ? "(none)" : "`" + k.defaultValue() + "`")
                    .append(" | ")
                    .append(envKeys.contains(k.key()) || ConfigSource.settableWithoutDefault(k.key()) ? "`" + ConfigSource.envName(k.key()) + "`" : "file only")
                    .append(" | ").append(k.meaning() == null ? "" : escape(k.meaning())).append(" |\n");
        }
        b.append("<!-- /generated:").append(section.id()).append(" -->");
        return b.toString();
    }

    private static Set<String> union() {
        Set<String> keys = new java.util.TreeSet<>(ConfigCatalog.envOverridable("streams"));
        keys.retainAll(ConfigCatalog.envOverridable("gateway"));
        return keys;
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;");
    }
}
