package dev.shop.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's own floor: pgbench's select-only run (a primary-key lookup per transaction, prepared
 * statements, as JDBC sends them) with as many clients as wrk has connections, on the shop's server.
 */
final class Pgbench {

    record Result(double transactionsPerSecond, double averageMillis) {
    }

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");

    private Pgbench() {
    }

    /** Creates database {@code bench} (scale 10: a million rows) on the server of {@code jdbcUrl}, as postgres. */
    static Result run(String jdbcUrl, Duration duration) {
        URI server = URI.create(jdbcUrl.substring("jdbc:".length()));
        List<String> connection = List.of("-h", server.getHost(), "-p", Integer.toString(server.getPort()), "-U", "postgres");
        Commands.run(concat(List.of("psql", "-q", "-d", "postgres", "-c", "DROP DATABASE IF EXISTS bench", "-c", "CREATE DATABASE bench"), connection),
                Map.of(), Duration.ofMinutes(1));
        Commands.run(concat(List.of("pgbench", "-i", "-q", "-s", "10"), connection, List.of("bench")), Map.of(), Duration.ofMinutes(5));
        String output = Commands.run(concat(List.of("pgbench", "-S", "-M", "prepared", "-n", "-c", Integer.toString(Wrk.CONNECTIONS),
                "-j", Integer.toString(Wrk.THREADS), "-T", Long.toString(duration.toSeconds())), connection, List.of("bench")),
                Map.of(), duration.plusMinutes(1));
        Matcher tps = TPS.matcher(output);
        Matcher latency = LATENCY.matcher(output);
        if (!tps.find() || !latency.find()) {
            throw new IllegalStateException("pgbench gave no figures:\n" + output);
        }
        return new Result(Double.parseDouble(tps.group(1)), Double.parseDouble(latency.group(1)));
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        return java.util.Arrays.stream(parts).flatMap(List::stream).toList();
    }
}
