package io.alertflow.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339Test {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2024-05-01T12:00:00Z,             2024-05-01T12:00:00Z",
            "2024-05-01t12:00:00z,             2024-05-01T12:00:00Z",
            "2024-05-01T12:00:00.1Z,           2024-05-01T12:00:00.100Z",
            "2024-05-01T12:00:00.123Z,         2024-05-01T12:00:00.123Z",
            "2024-05-01T12:00:00.123456789Z,   2024-05-01T12:00:00.123456789Z",
            "2024-05-01T14:00:00+02:00,        2024-05-01T12:00:00Z",
            "2024-05-01T00:30:00-05:30,        2024-05-01T06:00:00Z",
            "2024-05-01T12:00:00-00:00,        2024-05-01T12:00:00Z",
            "2024-02-29T23:59:59.999+18:00,    2024-02-29T05:59:59.999Z",
            "2000-02-29T00:00:00Z,             2000-02-29T00:00:00Z",
            "1970-01-01T00:00:00Z,             1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59.5Z,           1969-12-31T23:59:59.500Z",
            "0000-01-01T00:00:00Z,             0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z,             9999-12-31T23:59:59Z",
    })
    void readsTheUsualShapeByHand(String text, String expected) {
        Instant fast = Rfc3339.parseUsualShape(text);
        assertNotNull(fast, text + " should be read by hand");
        assertEquals(Instant.parse(expected), fast);
        assertEquals(Rfc3339.parseWithFormatter(text), fast);
    }

    /** Shapes the hand reader leaves to the JDK formatter, which accepts them. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {" 2024-05-01T12:00:00Z ", "2024-05-01T12:00:00+02:00:30", "+12024-05-01T12:00:00Z",
            "2024-05-01T12:00:00.Z" /* a decimal point without digits: the JDK accepts it, RFC 3339 does not */})
    void leavesOtherValidShapesToTheFormatter(String text) {
        assertNull(Rfc3339.parseUsualShape(text));
        assertEquals(Rfc3339.parseWithFormatter(text), Rfc3339.parse(text));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "2024-05-01", "2024-05-01T12:00:00", "2024-05-01 12:00:00Z", "2023-02-29T00:00:00Z",
            "1900-02-29T00:00:00Z", "2024-04-31T00:00:00Z", "2024-13-01T00:00:00Z", "2024-00-01T00:00:00Z",
            "2024-05-00T00:00:00Z", "2024-05-01T24:00:00Z", "2024-05-01T12:60:00Z", "2024-05-01T12:00:60Z",
            "2024-05-01T12:00:00.1234567891Z", "2024-05-01T12:00:00+19:00",
            "2024-05-01T12:00:00+18:01", "2024-05-01T12:00:00+0200", "2024-05-01T12:00:00+02:60", "2024-05-01T12:00:00ZZ",
            "2024-0a-01T12:00:00Z", "yesterday"})
    void rejectsWhatTheFormatterRejects(String text) {
        assertNull(Rfc3339.parseUsualShape(text), text);
        assertThrows(DateTimeParseException.class, () -> Rfc3339.parse(text));
    }

    /**
     * Random timestamps of every field width and value, and single-character corruptions of them: whatever the hand
     * reader accepts, the formatter accepts with the same instant, and the hand reader accepts every valid usual one.
     */
    @Test
    void agreesWithTheFormatterOnRandomText() {
        Random random = new Random(3339);
        String alphabet = "0123456789-:.+TtZz ";
        int readByHand = 0;
        for (int i = 0; i < 50_000; i++) {
            String text = randomTimestamp(random);
            if (random.nextBoolean()) {
                char[] chars = text.toCharArray();
                chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
                text = new String(chars);
            }
            Instant fast = Rfc3339.parseUsualShape(text);
            Instant expected = formatterOrNull(text);
            if (fast != null) {
                readByHand++;
                assertEquals(expected, fast, text);
            } else if (expected != null && !text.isEmpty() && text.equals(text.trim()) && text.length() < 36
                    && text.charAt(0) != '+' && text.charAt(0) != '-' && !hasSecondsInOffset(text) && !text.contains(".+") && !text.contains(".-")
                    && !text.matches(".*\\.[Zz]$")) {
                fail("the formatter reads " + text + " but the hand reader left it");
            }
        }
        if (readByHand < 25_000) {
            fail("only " + readByHand + " of 50,000 random timestamps were read by hand");
        }
    }

    private static boolean hasSecondsInOffset(String text) {
        int sign = Math.max(text.lastIndexOf('+'), text.lastIndexOf('-'));
        return sign > 10 && text.length() - sign == 9;
    }

    private static Instant formatterOrNull(String text) {
        try {
            return Rfc3339.parseWithFormatter(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String randomTimestamp(Random r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("%04d-%02d-%02d", r.nextInt(10_000), 1 + r.nextInt(12), 1 + r.nextInt(31)));
        s.append(r.nextBoolean() ? 'T' : 't');
        s.append(String.format("%02d:%02d:%02d", r.nextInt(24), r.nextInt(60), r.nextInt(60)));
        int fraction = r.nextInt(11);
        if (fraction > 0) {
            s.append('.');
            for (int k = 1; k < fraction; k++) {
                s.append(r.nextInt(10));
            }
        }
        switch (r.nextInt(4)) {
            case 0 -> s.append('Z');
            case 1 -> s.append('z');
            default -> s.append(r.nextBoolean() ? '+' : '-').append(String.format("%02d:%02d", r.nextInt(19), r.nextInt(60)));
        }
        return s.toString();
    }
}
