package dev.shop.load;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A line every few seconds while the load runs, about the seconds since the last line: the phase,
 * the target rate and the rates achieved (sent, answered), latency percentiles, requests in flight,
 * errors by kind (5xx by status code, refused, reset, timeout), and the answers by status. The same
 * figures are kept, one {@link Summary.Interval} per line, for the JSON summary.
 */
final class Progress {

    private final RateProfile profile;
    private final Statistics stats;
    private final PrintWriter out;
    private final List<Summary.Interval> intervals = new ArrayList<>();
    private ScheduledExecutorService timer;
    private long startNanos;
    private long lastNanos;
    private Statistics.Snapshot last = new Statistics.Snapshot(0, 0, 0, 0, new TreeMap<>(),
            Latency.of(Latency.histogram()));

    Progress(RateProfile profile, Statistics stats, PrintWriter out) {
        this.profile = profile;
        this.stats = stats;
        this.out = out;
    }

    void start(long startNanos, Duration every) {
        this.startNanos = startNanos;
        this.lastNanos = startNanos;
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "progress");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::report, every.toNanos(), every.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Stops the lines, after one more for the time since the last. */
    void stop() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        report();
    }

    private synchronized void report() {
        long now = System.nanoTime();
        if (now - lastNanos < TimeUnit.MILLISECONDS.toNanos(100)) {
            return;
        }
        Statistics.Snapshot current = stats.snapshot();
        double from = seconds(lastNanos - startNanos);
        double to = seconds(now - startNanos);
        intervals.add(interval(from, to, last, current));
        out.println(line(profile, from, to, last, current));
        out.flush();
        last = current;
        lastNanos = now;
    }

    /** The intervals of the lines printed so far. */
    synchronized List<Summary.Interval> intervals() {
        return List.copyOf(intervals);
    }

    /** The line for the time from {@code from} to {@code to} seconds after the start. */
    static String line(RateProfile profile, double from, double to, Statistics.Snapshot before, Statistics.Snapshot now) {
        double interval = to - from;
        double target = (profile.arrivalsBy(to) - profile.arrivalsBy(from)) / interval;
        SortedMap<String, Long> statuses = difference(now.statuses(), before.statuses());
        Failures failures = Failures.of(statuses);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "%6s %-4s  target %7.1f/s  sent %7.1f/s  answered %7.1f/s  p50 %7.1f  p95 %7.1f  p99 %7.1f ms"
                        + "  in flight %4d  errors %4d (%s)  answers",
                Durations.format(Duration.ofMillis(Math.round(to * 1000))), profile.phaseAt(from).label(),
                target, (now.sent() - before.sent()) / interval, (now.answered() - before.answered()) / interval,
                now.interval().p50(), now.interval().p95(), now.interval().p99(), now.inFlight(), failures.total(),
                failures.describe()));
        int headLength = line.length();
        statuses.forEach((status, count) -> {
            if (!Status.isError(status)) {
                line.append(' ').append(status).append(':').append(count);
            }
        });
        return line.length() == headLength ? line.append(" -").toString() : line.toString();
    }

    static Summary.Interval interval(double from, double to, Statistics.Snapshot before, Statistics.Snapshot now) {
        return new Summary.Interval(round(from), round(to), now.sent() - before.sent(), now.answered() - before.answered(),
                now.interval().p50(), now.interval().p99(), Failures.of(difference(now.statuses(), before.statuses())));
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }

    private static SortedMap<String, Long> difference(Map<String, Long> now, Map<String, Long> before) {
        SortedMap<String, Long> difference = new TreeMap<>();
        now.forEach((status, count) -> {
            long added = count - before.getOrDefault(status, 0L);
            if (added > 0) {
                difference.put(status, added);
            }
        });
        return difference;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
