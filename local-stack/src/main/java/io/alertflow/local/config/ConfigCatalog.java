package io.alertflow.local.config;

import io.alertflow.gateway.GatewayConfig;
import io.alertflow.streams.config.AlertflowConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Every configuration key the two apps read, collected from the setting lists in their code (so the reference
 * cannot drift from it): the streams app's {@code AlertflowConfig.SETTINGS} and its stages' lists, the gateway's
 * {@code GatewayConfig.defaults()}, and the serde's {@code SerdeConfig} keys. The lists are read by reflection
 * because they come in three shapes (records with key/defaultValue/doc, {@code String[]} rows, key → default
 * maps) and are still growing; a list that does not exist yet is skipped.
 */
public final class ConfigCatalog {

    /** One group of keys of one app, as a section of docs/CONFIGURATION.md. */
    public record Section(String id, String app, String title, List<ConfigKey> keys) {
    }

    /** Where a group of keys comes from: a static field or no-argument static method of a class. */
    record Origin(String sectionId, String app, String title, String className, String member, boolean sorted) {
    }

    static final List<Origin> ORIGINS = List.of(
            new Origin("streams-core", "streams", "Streams app: core, topics, validation",
                    "io.alertflow.streams.config.AlertflowConfig", "SETTINGS", false),
            new Origin("streams-incident", "streams", "Streams app: correlation, incidents, escalation",
                    "io.alertflow.incident.IncidentSettings", "KEYS", false),
            new Origin("streams-anomaly", "streams", "Streams app: anomaly detection",
                    "io.alertflow.anomaly.AnomalySettings", "DEFAULTS", false),
            // Sorted: part of the gateway's defaults come from a Map.of, whose order changes from run to run.
            new Origin("gateway", "gateway", "Gateway (alert-producer)",
                    "io.alertflow.gateway.GatewayConfig", "defaults", true));

    /** The serde's keys are constants; these are its defaults, which live in package-private fields. */
    static final String SERDE_CLASS = "io.alertflow.serde.SerdeConfig";

    private static final Map<String, String> MEANINGS = loadMeanings();

    private ConfigCatalog() {
    }

    /** Every section, in document order; a key appears once per app (in the first section that lists it). */
    public static List<Section> sections() {
        List<Section> sections = new ArrayList<>();
        Map<String, Map<String, ConfigKey>> seenByApp = new LinkedHashMap<>();
        for (Origin origin : ORIGINS) {
            Object list = read(origin.className(), origin.member());
            if (list == null) {
                continue;
            }
            Map<String, ConfigKey> seen = seenByApp.computeIfAbsent(origin.app(), a -> new LinkedHashMap<>());
            List<ConfigKey> keys = new ArrayList<>();
            for (ConfigKey key : keysOf(list, origin.className())) {
                if (seen.putIfAbsent(key.key(), key) == null) {
                    keys.add(key);
                }
            }
            if (origin.sorted()) {
                keys.sort(java.util.Comparator.comparing(ConfigKey::key));
            }
            sections.add(new Section(origin.sectionId(), origin.app(), origin.title(), keys));
        }
        // Keys both apps list themselves (schema.registry.url, with different defaults) are documented there.
        List<ConfigKey> serde = serdeKeys().stream()
                .filter(k -> seenByApp.values().stream().noneMatch(seen -> seen.containsKey(k.key()))).toList();
        sections.add(new Section("serde", "both", "Schema Registry client (both apps)", serde));
        return sections;
    }

    /** The keys each app reads with a default, i.e. the keys an {@code ALERTFLOW_*} environment variable can override. */
    public static Map<String, String> defaultsOf(String app) {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (Section s : sections()) {
            if (s.app().equals(app)) {
                s.keys().forEach(k -> defaults.put(k.key(), k.defaultValue()));
            }
        }
        return defaults;
    }

    /**
     * The keys an {@code ALERTFLOW_*} environment variable overrides in an app: ConfigSource maps the environment
     * only onto keys the app loads with a default (plus the {@code kafka.*} pass-through), so other keys are
     * file-only.
     */
    public static Set<String> envOverridable(String app) {
        return switch (app) {
            case "streams" -> AlertflowConfig.defaults().keySet();
            case "gateway" -> GatewayConfig.defaults().keySet();
            default -> Set.of();
        };
    }

    /** The meaning of a key that its code list does not document, from meanings.properties; null when none. */
    static String meaning(String key) {
        return MEANINGS.get(key);
    }

    private static List<ConfigKey> keysOf(Object list, String className) {
        List<ConfigKey> keys = new ArrayList<>();
        if (list instanceof Map<?, ?> map) {
            map.forEach((k, v) -> keys.add(key(String.valueOf(k), String.valueOf(v), describe(className, String.valueOf(k)))));
        } else if (list instanceof List<?> rows) {
            for (Object row : rows) {
                if (row instanceof String[] cells) {
                    keys.add(key(cells[0], cells.length > 1 ? cells[1] : "", cells.length > 2 ? cells[2] : null));
                } else {
                    keys.add(key(call(row, "key"), call(row, "defaultValue"), call(row, "doc")));
                }
            }
        } else {
            throw new IllegalStateException("unsupported setting list " + list.getClass());
        }
        return keys;
    }

    /** A key → default map documents its keys through a static {@code describe(String)} method, where it has one. */
    private static String describe(String className, String key) {
        try {
            Method m = Class.forName(className).getMethod("describe", String.class);
            Object doc = m.invoke(null, key);
            return doc == null ? null : doc.toString();
        } catch (NoSuchMethodException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot call " + className + ".describe(" + key + ")", e);
        }
    }

    private static ConfigKey key(String key, String defaultValue, String doc) {
        String meaning = doc != null && !doc.isBlank() ? doc : MEANINGS.get(key);
        return new ConfigKey(key, defaultValue, meaning);
    }

    private static List<ConfigKey> serdeKeys() {
        List<ConfigKey> keys = new ArrayList<>();
        try {
            Class<?> type = Class.forName(SERDE_CLASS);
            for (Field f : type.getDeclaredFields()) {
                if (Modifier.isPublic(f.getModifiers()) && Modifier.isStatic(f.getModifiers()) && f.getType() == String.class
                        && !f.getName().startsWith("CREDENTIALS_SOURCE_")) {
                    String key = (String) f.get(null);
                    keys.add(key(key, serdeDefault(type, f.getName()), null));
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the serde keys from " + SERDE_CLASS, e);
        }
        return keys;
    }

    /** {@code SCHEMA_REGISTRY_URL} has no default; the others have a {@code <NAME>_DEFAULT} field. */
    private static String serdeDefault(Class<?> type, String constant) throws IllegalAccessException {
        try {
            Field f = type.getDeclaredField(constant + "_DEFAULT");
            f.setAccessible(true);
            return String.valueOf(f.get(null));
        } catch (NoSuchFieldException e) {
            return constant.equals("BASIC_AUTH_CREDENTIALS_SOURCE") ? "URL" : "";
        }
    }

    private static Object read(String className, String member) {
        Class<?> type;
        try {
            type = Class.forName(className);
        } catch (ClassNotFoundException e) {
            return null;
        }
        try {
            Field f = type.getField(member);
            return f.get(null);
        } catch (NoSuchFieldException e) {
            return invoke(type, member);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + className + "." + member, e);
        }
    }

    private static Object invoke(Class<?> type, String member) {
        try {
            Method m = type.getMethod(member);
            return m.invoke(null);
        } catch (NoSuchMethodException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot call " + type.getName() + "." + member + "()", e);
        }
    }

    private static String call(Object row, String accessor) {
        try {
            Method m = row.getClass().getMethod(accessor);
            m.setAccessible(true);
            Object v = m.invoke(row);
            return v == null ? null : v.toString();
        } catch (NoSuchMethodException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + accessor + " of " + row, e);
        }
    }

    private static Map<String, String> loadMeanings() {
        Properties p = new Properties();
        try (InputStream in = ConfigCatalog.class.getResourceAsStream("meanings.properties")) {
            if (in != null) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read meanings.properties", e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k).trim()));
        return out;
    }
}
