package io.alertflow.gateway.http;

/**
 * Makes untrusted text safe for a one-line log entry: control characters (CR, LF, ANSI escapes)
 * are escaped so a crafted label value cannot forge log lines, and long values are cut.
 */
public final class LogText {
    private static final int MAX = 200;

    private LogText() {
    }

    /** The text with control characters as {@code \n}, {@code \r}, {@code \t} or {@code \\uXXXX}, at most 200 characters. */
    public static String escape(String text) {
        if (text == null) {
            return "-";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX) + 8);
        for (int i = 0; i < text.length() && out.length() < MAX; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (out.length() >= MAX && text.length() > MAX) {
            out.append("...");
        }
        return out.toString();
    }
}
