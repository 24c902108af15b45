package dev.shop.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The figures as they are measured: printed at once, and written as Markdown at the end. */
final class Report {

    private final StringBuilder markdown = new StringBuilder();

    Report(Machine machine, String command) {
        markdown.append("""
                # Performance

                Measured by `%s` on %s, in one run: %s. The load generator (wrk) ran on the same machine,
                so every figure is what is left after it took its share. It is written by `benchmarks/`
                (`dev.shop.benchmarks.Benchmarks`); to measure your machine:

                ```shell
                apt-get install wrk postgresql-client     # wrk, pgbench and psql
                mvn package -Pimages                      # only for "In containers" (needs Docker)
                mvn -Pbenchmark -Dshop.benchmark.seconds=15
                ```

                """.formatted(command, LocalDate.now(), machine.describeInMarkdown()));
        System.out.println("Benchmarks on " + machine.describeInMarkdown());
    }

    void section(String title, String introduction) {
        markdown.append("\n## ").append(title).append("\n\n").append(introduction.strip()).append("\n\n");
        System.out.println("\n== " + title);
    }

    void table(String... header) {
        markdown.append("\n| ").append(String.join(" | ", header)).append(" |\n");
        markdown.append("|").append(" --- |".repeat(header.length)).append("\n");
    }

    void row(Object... cells) {
        List<String> text = new ArrayList<>();
        for (Object cell : cells) {
            text.add(String.valueOf(cell));
        }
        markdown.append("| ").append(String.join(" | ", text)).append(" |\n");
        System.out.println("  " + String.join("  |  ", text));
    }

    void text(String paragraph) {
        markdown.append("\n").append(paragraph.strip()).append("\n\n");
        System.out.println(paragraph.strip());
    }

    /** Writes the figures, followed by the hand-kept record of what they changed (resources/tuning-log.md). */
    void write(Path file) {
        try (InputStream tuning = Report.class.getResourceAsStream("/tuning-log.md")) {
            markdown.append("\n").append(new String(tuning.readAllBytes(), StandardCharsets.UTF_8));
            writeFigures(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the figures alone (a comparison, the containers): a partial run, beside the build. */
    void writeFigures(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, markdown.toString().replaceAll("\n{3,}", "\n\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("\nWritten to " + file);
    }
}
