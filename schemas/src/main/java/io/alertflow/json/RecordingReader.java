package io.alertflow.json;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads a JSON Lines recording one {@link RecordingLine} at a time (recordings can be large, so
 * nothing is buffered); blank lines are skipped and errors name the line number.
 */
public final class RecordingReader implements Closeable {
    private final BufferedReader reader;
    private final Map<String, Class<? extends SpecificRecord>> topicTypes;
    private long lineNumber;

    public RecordingReader(Reader reader, Map<String, Class<? extends SpecificRecord>> topicTypes) {
        this.reader = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        this.topicTypes = Map.copyOf(topicTypes);
    }

    /** Opens a recording file (UTF-8) with the given topic → record type mapping. */
    public static RecordingReader open(Path file, Map<String, Class<? extends SpecificRecord>> topicTypes) throws IOException {
        return new RecordingReader(Files.newBufferedReader(file, StandardCharsets.UTF_8), topicTypes);
    }

    /**
     * The next line, or null at the end. A malformed line is a {@link RecordJsonException} whose
     * field is prefixed with the line number ({@code line 7: value.status}).
     */
    public RecordingLine next() {
        try {
            String text;
            do {
                text = reader.readLine();
                lineNumber++;
                if (text == null) {
                    return null;
                }
            } while (text.isBlank());
            try {
                return RecordingLine.parse(text, topicTypes);
            } catch (RecordJsonException e) {
                throw new RecordJsonException("line " + lineNumber + (e.field().isEmpty() ? "" : ": " + e.field()), e.problem());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The number of the line last read, 1-based. */
    public long lineNumber() {
        return lineNumber;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
