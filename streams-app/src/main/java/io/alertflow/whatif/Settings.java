package io.alertflow.whatif;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** Reads a what-if configuration file and chooses which of its settings a report shows. */
public final class Settings {
    private Settings() {
    }

    /** The settings of a properties file, as given (defaults are applied by the run). */
    public static Map<String, String> read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "configuration file not found");
        }
        Map<String, String> out = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k).trim()));
        return out;
    }

    /**
     * The settings a report shows, sorted: what shapes the outcome. Connection settings, pass-through
     * {@code kafka.*} keys and the keys the run overrides are left out, and so is anything that could hold a
     * secret.
     */
    public static Map<String, String> reported(Map<String, String> settings) {
        Map<String, String> out = new TreeMap<>();
        settings.forEach((k, v) -> {
            if (!WhatIfRun.FORCED.contains(k) && !k.startsWith("kafka.") && !k.startsWith("schema.registry.")
                    && !k.startsWith("basic.auth.") && !k.contains("password") && !k.contains("secret")
                    && !k.contains("jaas") && !k.startsWith("ssl.") && !k.startsWith("sasl.")) {
                out.put(k, v);
            }
        });
        return out;
    }
}
