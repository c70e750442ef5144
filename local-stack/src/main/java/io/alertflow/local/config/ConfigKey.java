package io.alertflow.local.config;

/**
 * One documented configuration key: its name, its default ("" when it has none) and what it means.
 *
 * @param key the key, e.g. {@code alert.stale-after}
 * @param defaultValue the default as the code declares it
 * @param meaning one sentence for operators; null when neither the code nor meanings.properties documents it
 */
public record ConfigKey(String key, String defaultValue, String meaning) {
}
