package dev.shop.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The machine the figures come from. */
record Machine(int cpus, String cpuModel, double memoryGiB, String os, String jvm) {

    static Machine describe() {
        return new Machine(Runtime.getRuntime().availableProcessors(),
                field(Path.of("/proc/cpuinfo"), "model name", ":").orElse("unknown CPU"),
                field(Path.of("/proc/meminfo"), "MemTotal", ":").map(v -> Long.parseLong(v.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0).orElse(0.0),
                field(Path.of("/etc/os-release"), "PRETTY_NAME", "=").map(v -> v.replace("\"", "")).orElse(System.getProperty("os.name")),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    }

    String describeInMarkdown() {
        return "%d CPUs (%s), %.1f GiB memory, %s, %s".formatted(cpus, cpuModel, memoryGiB, os, jvm);
    }

    private static Optional<String> field(Path file, String name, String separator) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.stream().filter(l -> l.startsWith(name)).findFirst()
                    .map(l -> l.substring(l.indexOf(separator) + 1).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
