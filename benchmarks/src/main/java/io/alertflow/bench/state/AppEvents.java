package io.alertflow.bench.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the events file a {@link StreamsAppMain} appends to: when it started, ran, restored what. */
record AppEvents(List<String[]> lines) {

    static AppEvents read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new AppEvents(List.of());
        }
        return new AppEvents(Files.readAllLines(file).stream().map(l -> l.split(" ")).toList());
    }

    long count(String kind) {
        return lines.stream().filter(l -> l[0].equals(kind)).count();
    }

    long first(String kind) {
        return lines.stream().filter(l -> l[0].equals(kind)).mapToLong(l -> Long.parseLong(l[1])).min().orElse(-1);
    }

    long last(String kind) {
        return lines.stream().filter(l -> l[0].equals(kind)).mapToLong(l -> Long.parseLong(l[1])).max().orElse(-1);
    }

    long lastEventAt() {
        return lines.stream().mapToLong(l -> Long.parseLong(l[1])).max().orElse(-1);
    }

    /** Records restored, summed over store partitions (the 4th field of RESTORE_END is that partition's total). */
    long restoredRecords() {
        return lines.stream().filter(l -> l[0].equals("RESTORE_END")).mapToLong(l -> Long.parseLong(l[4])).sum();
    }
}
