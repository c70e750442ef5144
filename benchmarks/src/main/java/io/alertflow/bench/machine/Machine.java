package io.alertflow.bench.machine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The machine a benchmark ran on and how busy it was: every printed figure carries these lines. */
public final class Machine {
    private Machine() {
    }

    /** nproc, CPU model, RAM, Java runtime and the current load average, as one block of text. */
    public static String describe() {
        return String.format(Locale.ROOT, "machine: %d cpus, %s, %s RAM, java %s (%s), os %s %s%nload average: %s",
                Runtime.getRuntime().availableProcessors(), cpuModel(), memTotal(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), System.getProperty("os.name"), System.getProperty("os.version"), loadAverage());
    }

    /** The first three fields of /proc/loadavg (1, 5 and 15 minutes). */
    public static String loadAverage() {
        String line = readFirst(Path.of("/proc/loadavg"), "");
        String[] fields = line.trim().split("\\s+");
        return fields.length >= 3 ? fields[0] + " " + fields[1] + " " + fields[2] : "unknown";
    }

    private static String cpuModel() {
        return lines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown cpu");
    }

    private static String memTotal() {
        return lines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:")).findFirst()
                .map(l -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0))
                .orElse("unknown");
    }

    private static List<String> lines(Path path) {
        try {
            return Files.readAllLines(path);
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String readFirst(Path path, String fallback) {
        List<String> lines = lines(path);
        return lines.isEmpty() ? fallback : lines.get(0);
    }
}
