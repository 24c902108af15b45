package dev.shop.benchmarks;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wrk HTTP benchmark (closed loop: each connection sends its next request when the last one is
 * answered), run as {@code wrk -t2 -c32 --latency}, its output read back into figures.
 */
final class Wrk {

    static final int THREADS = 2;
    static final int CONNECTIONS = 32;

    /** What one run gave. {@code statuses} is what a script counted (orders), else empty. */
    record Result(double requestsPerSecond, double p50Millis, double p99Millis, long requests,
                  long non2xx, long socketErrors, Map<String, Long> statuses) {

        String summary() {
            return "%,.0f req/s, p50 %.2f ms, p99 %.2f ms%s".formatted(requestsPerSecond, p50Millis, p99Millis,
                    non2xx + socketErrors > 0 ? ", %d non-2xx, %d socket errors".formatted(non2xx, socketErrors) : "");
        }
    }

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern STATUS = Pattern.compile("STATUS (.*)");

    private Wrk() {
    }

    static Result run(URI target, Duration duration, Path script, Map<String, String> environment) {
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + THREADS, "-c" + CONNECTIONS,
                "-d" + duration.toSeconds() + "s", "--timeout", "5s", "--latency"));
        if (script != null) {
            command.addAll(List.of("-s", script.toString()));
        }
        command.add(target.toString());
        return parse(Commands.run(command, environment, duration.plusSeconds(30)));
    }

    static Result parse(String output) {
        Matcher rate = RATE.matcher(output);
        if (!rate.find()) {
            throw new IllegalStateException("wrk gave no rate:\n" + output);
        }
        long socketErrors = 0;
        Matcher socket = SOCKET.matcher(output);
        if (socket.find()) {
            for (int group = 1; group <= 4; group++) {
                socketErrors += Long.parseLong(socket.group(group));
            }
        }
        Matcher requests = REQUESTS.matcher(output);
        Matcher non2xx = NON_2XX.matcher(output);
        Map<String, Long> statuses = new java.util.TreeMap<>();
        Matcher status = STATUS.matcher(output);
        if (status.find()) {
            for (String pair : status.group(1).trim().split("\\s+")) {
                String[] parts = pair.split("=");
                statuses.put(parts[0], Long.parseLong(parts[1]));
            }
        }
        return new Result(Double.parseDouble(rate.group(1)), percentile(output, "50"), percentile(output, "99"),
                requests.find() ? Long.parseLong(requests.group(1)) : 0,
                non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0, socketErrors, statuses);
    }

    private static double percentile(String output, String percent) {
        Matcher line = Pattern.compile("\\s" + percent + "%\\s+([0-9.]+)(us|ms|s)\\b").matcher(output);
        if (!line.find()) {
            throw new IllegalStateException("wrk gave no " + percent + "th percentile:\n" + output);
        }
        double value = Double.parseDouble(line.group(1));
        return switch (line.group(2)) {
            case "us" -> value / 1000;
            case "ms" -> value;
            default -> value * 1000;
        };
    }
}
