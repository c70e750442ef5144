package io.alertflow.alert;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Alertmanager's alert fingerprint: FNV-1a 64 over the label names and values sorted by name,
 * each followed by the byte 0xFF, rendered as 16 lower-case hex digits.
 */
public final class Fingerprint {
    private static final long OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;
    private static final byte SEPARATOR = (byte) 0xFF;

    private Fingerprint() {
    }

    /** Fingerprint of a label set, identical to Alertmanager's {@code LabelSet.Fingerprint()}. */
    public static String of(Map<String, String> labels) {
        return toHex(hash(labels));
    }

    /** The raw 64-bit FNV-1a hash of a label set. */
    public static long hash(Map<String, String> labels) {
        long hash = OFFSET_BASIS;
        if (labels == null || labels.isEmpty()) {
            return hash;
        }
        byte[][] names = new byte[labels.size()][];
        String[] keys = labels.keySet().toArray(new String[0]);
        for (int i = 0; i < keys.length; i++) {
            names[i] = keys[i].getBytes(StandardCharsets.UTF_8);
        }
        // Go sorts strings by their UTF-8 bytes; String.compareTo would order some non-BMP names differently.
        Integer[] order = new Integer[keys.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(names[a], names[b]));
        for (int i : order) {
            hash = add(hash, names[i]);
            hash = addByte(hash, SEPARATOR);
            String value = labels.get(keys[i]);
            hash = add(hash, (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
            hash = addByte(hash, SEPARATOR);
        }
        return hash;
    }

    /** Renders a hash as 16 lower-case hex digits, zero-padded. */
    public static String toHex(long hash) {
        String hex = Long.toHexString(hash);
        return hex.length() == 16 ? hex : "0".repeat(16 - hex.length()) + hex;
    }

    private static long add(long hash, byte[] bytes) {
        for (byte b : bytes) {
            hash = addByte(hash, b);
        }
        return hash;
    }

    private static long addByte(long hash, byte b) {
        return (hash ^ (b & 0xFF)) * PRIME;
    }
}
