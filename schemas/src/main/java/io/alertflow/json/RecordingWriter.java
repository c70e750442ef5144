package io.alertflow.json;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes {@link RecordingLine}s as JSON Lines (one compact JSON object per line, UTF-8). */
public final class RecordingWriter implements Closeable, Flushable {
    private final Writer writer;

    public RecordingWriter(Writer writer) {
        this.writer = writer instanceof BufferedWriter b ? b : new BufferedWriter(writer);
    }

    /** Creates (or truncates) a recording file. */
    public static RecordingWriter create(Path file) throws IOException {
        return new RecordingWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    /** Appends one line. */
    public void write(RecordingLine line) {
        try {
            writer.write(line.toJsonLine());
            writer.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void flush() throws IOException {
        writer.flush();
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
