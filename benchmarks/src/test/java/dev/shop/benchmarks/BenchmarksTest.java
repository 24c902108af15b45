package dev.shop.benchmarks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmarks run each service with the JVM options of its image, read from shop-common. */
class BenchmarksTest {

    @Test
    void theImagesJvmOptionsComeFromSharedConfiguration() {
        List<String> options = Benchmarks.imageJvmArguments(Path.of(".."));
        assertTrue(options.contains("-XX:MaxRAMPercentage=75"), options.toString());
        // JVM options only (-XX: and system properties), which the benchmarks give each service's JVM.
        assertTrue(options.stream().allMatch(option -> option.startsWith("-XX:") || option.startsWith("-D")),
                options.toString());
    }

    @Test
    void aRepositoryWithoutItStopsTheRun(@TempDir Path empty) {
        assertThrows(UncheckedIOException.class, () -> Benchmarks.imageJvmArguments(empty));
    }
}
