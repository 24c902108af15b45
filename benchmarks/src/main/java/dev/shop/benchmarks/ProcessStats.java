package dev.shop.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** What Linux knows about a process: its resident memory and the CPU time it has used. */
final class ProcessStats {

    /** USER_HZ: the unit of the CPU times in /proc/<pid>/stat, 100 on every common Linux. */
    private static final double TICKS_PER_SECOND = 100;

    /**
     * How long a service runs without load before its memory counts as idle, everywhere the report
     * says "idle": by then what runs after ready (the JIT compiling what the warm-up ran, the C heap
     * that start-up freed being handed back) has settled, as it has on a replica waiting for traffic.
     */
    private static final Duration SETTLE = Duration.ofSeconds(10);

    private ProcessStats() {
    }

    /** Waits while the services settle, before their memory is read as idle. */
    static void settle() {
        try {
            Thread.sleep(SETTLE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the services settled", e);
        }
    }

    static double rssMiB(long pid) {
        for (String line : lines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }

    static double cpuSeconds(long pid) {
        return cpuSeconds(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** The CPU time of each process (without its JIT compiler's threads, if asked), by whatever names it. */
    static <K> Map<K, Double> cpuSeconds(Map<K, Long> pids, boolean withoutJit) {
        Map<K, Double> seconds = new LinkedHashMap<>();
        pids.forEach((key, pid) -> seconds.put(key, cpuSeconds(pid) - (withoutJit ? compilerCpuSeconds(pid) : 0)));
        return seconds;
    }

    /** The CPU each process spent per request between two readings of {@link #cpuSeconds(Map, boolean)}, in ms. */
    static <K> Map<K, Double> cpuMillisPerRequest(Map<K, Double> before, Map<K, Double> after, long requests) {
        Map<K, Double> millis = new LinkedHashMap<>();
        after.forEach((key, seconds) -> millis.put(key, 1000 * (seconds - before.get(key)) / Math.max(1, requests)));
        return millis;
    }

    /**
     * The CPU time of the JIT compiler's threads alone. A JVM a few seconds old is still compiling
     * its request paths, and that work says nothing about what a request costs once it is warm.
     */
    static double compilerCpuSeconds(long pid) {
        double seconds = 0;
        try (var threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path thread : threads.toList()) {
                try {
                    if (Files.readString(thread.resolve("comm")).contains("CompilerThre")) {
                        seconds += cpuSeconds(thread.resolve("stat"));
                    }
                } catch (IOException | UncheckedIOException gone) {
                    // The thread ended while we looked (compiler threads come and go).
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return seconds;
    }

    private static double cpuSeconds(Path statFile) {
        String stat = String.join(" ", lines(statFile));
        // The command name (2nd field) is in parentheses and may hold spaces: count from after it.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    private static java.util.List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
