package io.alertflow.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Configuration values from, in increasing precedence: documented defaults, one properties file,
 * environment variables ({@code schema.registry.url} is overridden by {@code ALERTFLOW_SCHEMA_REGISTRY_URL}),
 * and explicit overrides (command-line flags, tests). Typed configs read from it; nothing else reads
 * the environment.
 */
public final class ConfigSource {
    /** Prefix of environment variables that override keys. */
    public static final String ENV_PREFIX = "ALERTFLOW_";
    /** Keys under this prefix are passed to every Kafka client with the prefix removed. */
    public static final String KAFKA_PREFIX = "kafka.";
    /**
     * Families of keys that have no default, so no known key to map an environment variable to: Kafka client
     * settings, registry credentials and registry client settings. Within them, an underscore in the
     * variable's name is a dot in the key ({@code ALERTFLOW_BASIC_AUTH_USER_INFO} is {@code basic.auth.user.info}).
     */
    static final List<String> ENV_ONLY_FAMILIES = List.of(KAFKA_PREFIX, "basic.auth.", "schema.registry.");

    private final Map<String, String> values;

    private ConfigSource(Map<String, String> values) {
        this.values = values;
    }

    /** Builds a source from defaults, an optional file, the given environment and overrides. */
    public static ConfigSource load(Map<String, String> defaults, Path file, Map<String, String> env,
                                    Map<String, String> overrides) {
        Map<String, String> merged = new TreeMap<>(defaults);
        if (file != null) {
            merged.putAll(readProperties(file));
        }
        for (String key : new ArrayList<>(merged.keySet())) {
            String fromEnv = env.get(envName(key));
            if (fromEnv != null) {
                merged.put(key, fromEnv);
            }
        }
        // Environment variables for keys without a default (kafka.* pass-through, registry credentials).
        env.forEach((name, value) -> {
            String key = familyKey(name);
            if (key != null) {
                merged.putIfAbsent(key, value);
            }
        });
        merged.putAll(overrides);
        return new ConfigSource(merged);
    }

    /** A source holding exactly the given values (tests, what-if). */
    public static ConfigSource of(Map<String, String> values) {
        return new ConfigSource(new TreeMap<>(values));
    }

    /** Whether {@link #envName}{@code (key)} sets the key even where it has no default. */
    public static boolean settableWithoutDefault(String key) {
        return key.equals(familyKey(envName(key)));
    }

    /** The key of an {@code ALERTFLOW_*} variable in one of {@link #ENV_ONLY_FAMILIES}, else null. */
    static String familyKey(String envName) {
        for (String family : ENV_ONLY_FAMILIES) {
            String prefix = envName(family);
            if (envName.startsWith(prefix) && envName.length() > prefix.length()) {
                return family + envName.substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '.');
            }
        }
        return null;
    }

    /** The environment variable that overrides a key: upper case, dots and dashes as underscores. */
    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Every key and value, sorted by key. */
    public Map<String, String> asMap() {
        return new TreeMap<>(values);
    }

    /** The Kafka client settings given as {@code kafka.*} keys, prefix removed. */
    public Map<String, Object> kafkaPassThrough() {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(KAFKA_PREFIX) && !v.isEmpty()) {
                out.put(k.substring(KAFKA_PREFIX.length()), v);
            }
        });
        return out;
    }

    public String string(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new ConfigException(key, "is not set and has no default");
        }
        return v.trim();
    }

    /** The value, or null when the key is unset or empty. */
    public String optional(String key) {
        String v = values.get(key);
        return v == null || v.isBlank() ? null : v.trim();
    }

    public int integer(String key) {
        try {
            return Integer.parseInt(string(key));
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "must be an integer, got '" + values.get(key) + "'");
        }
    }

    public long longValue(String key) {
        try {
            return Long.parseLong(string(key));
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "must be an integer, got '" + values.get(key) + "'");
        }
    }

    public double decimal(String key) {
        try {
            return Double.parseDouble(string(key));
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "must be a number, got '" + values.get(key) + "'");
        }
    }

    public boolean bool(String key) {
        String v = string(key).toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new ConfigException(key, "must be true or false, got '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    public Duration duration(String key) {
        try {
            return parseDuration(string(key));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, "must be a duration like 500ms, 30s, 5m, 2h, 1d or PT5M, got '" + values.get(key) + "'");
        }
    }

    /** Comma-separated list; empty when unset or blank. */
    public List<String> list(String key) {
        String v = optional(key);
        if (v == null) {
            return List.of();
        }
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Parses 500ms, 30s, 5m, 2h, 1d, a plain number of milliseconds, or ISO-8601 (PT5M). */
    public static Duration parseDuration(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("pt") || s.startsWith("p")) {
            return Duration.parse(s.toUpperCase(Locale.ROOT));
        }
        int split = 0;
        while (split < s.length() && (Character.isDigit(s.charAt(split)) || s.charAt(split) == '.')) {
            split++;
        }
        if (split == 0) {
            throw new IllegalArgumentException(text);
        }
        double amount = Double.parseDouble(s.substring(0, split));
        String unit = s.substring(split).trim();
        long millis = switch (unit) {
            case "", "ms" -> (long) amount;
            case "s" -> (long) (amount * 1_000);
            case "m", "min" -> (long) (amount * 60_000);
            case "h" -> (long) (amount * 3_600_000);
            case "d" -> (long) (amount * 86_400_000);
            default -> throw new IllegalArgumentException(text);
        };
        return Duration.ofMillis(millis);
    }

    private static Map<String, String> readProperties(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigException("config file", "cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> out = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    /** A configuration value that is missing or malformed; the message names the key. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String key, String problem) {
            super("configuration " + key + " " + problem);
        }
    }
}
