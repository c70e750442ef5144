package io.alertflow.bench.whatif;

import io.alertflow.json.RecordingLine;
import io.alertflow.json.RecordingWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@link WhatIfBenchmark}'s recording (the same mix, alerts keyed by fingerprint) to a JSON Lines file, so
 * {@code benchmarks/run whatif-cli} can time {@code ./alertflow what-if} on it from the command line, as a user runs it.
 *
 * <p>Run: {@code WriteRecording FILE [alerts]} (default 200,000).
 */
public final class WriteRecording {
    private WriteRecording() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        try (RecordingWriter writer = RecordingWriter.create(file)) {
            for (RecordingLine line : WhatIfBenchmark.generate(n, true)) {
                writer.write(line);
            }
        }
        System.out.printf("wrote %,d alerts (%,d bytes) to %s%n", n, Files.size(file), file);
    }
}
