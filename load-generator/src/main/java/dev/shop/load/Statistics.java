package dev.shop.load;

import org.HdrHistogram.Histogram;

import java.util.EnumMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything counted during a run: requests due, sent, dropped and answered, by action and status,
 * and their latencies. One lock guards it all: recording is a few additions, far below what a
 * generator on a few cores can send. Once closed, what is still in flight counts as unfinished and
 * late answers are ignored, so the numbers stay fixed for the summary.
 */
final class Statistics {

    /** The running totals for a progress line; the latency is that of the answers since the last one. */
    record Snapshot(long scheduled, long sent, long answered, int inFlight, SortedMap<String, Long> statuses,
                    Latency interval) {
    }

    private final Map<Action, SortedMap<String, Long>> statuses = new EnumMap<>(Action.class);
    private final Map<Action, Histogram> latencies = new EnumMap<>(Action.class);
    private final Map<Action, Integer> inFlight = new EnumMap<>(Action.class);
    private final Histogram all = Latency.histogram();
    private final Histogram interval = Latency.histogram();
    private long scheduled;
    private long sent;
    private long answered;
    private long logins;
    private boolean closed;

    Statistics() {
        for (Action action : Action.values()) {
            statuses.put(action, new TreeMap<>());
            latencies.put(action, Latency.histogram());
            inFlight.put(action, 0);
        }
    }

    /** A request is due: true if it may be sent, false if it is dropped because too many are in flight. */
    synchronized boolean due(Action action, int maxInFlight) {
        if (closed) {
            return false;
        }
        scheduled++;
        if (inFlight() >= maxInFlight) {
            count(action, Status.DROPPED);
            return false;
        }
        sent++;
        inFlight.merge(action, 1, Integer::sum);
        return true;
    }

    /** A request sent as {@code planned} ended, {@code latencyNanos} after it was due. */
    synchronized void ended(Action planned, Outcome outcome, long latencyNanos) {
        if (closed) {
            return;
        }
        inFlight.merge(planned, -1, Integer::sum);
        answered++;
        count(outcome.action(), outcome.status());
        long micros = Math.max(0, latencyNanos / 1000);
        all.recordValue(micros);
        interval.recordValue(micros);
        latencies.get(outcome.action()).recordValue(micros);
    }

    synchronized void loggedIn() {
        logins++;
    }

    /** Stops counting: whatever is still in flight is unfinished, an error. */
    synchronized void close() {
        if (closed) {
            return;
        }
        inFlight.forEach((action, count) -> {
            if (count > 0) {
                statuses.get(action).merge(Status.UNFINISHED.key(), (long) count, Long::sum);
            }
        });
        inFlight.replaceAll((action, count) -> 0);
        closed = true;
    }

    synchronized int inFlight() {
        return inFlight.values().stream().mapToInt(Integer::intValue).sum();
    }

    synchronized Snapshot snapshot() {
        Latency latency = Latency.of(interval);
        interval.reset();
        return new Snapshot(scheduled, sent, answered, inFlight(), statuses(), latency);
    }

    synchronized long scheduled() {
        return scheduled;
    }

    synchronized long sent() {
        return sent;
    }

    synchronized long logins() {
        return logins;
    }

    /** Requests by how they ended, all actions together. */
    synchronized SortedMap<String, Long> statuses() {
        SortedMap<String, Long> total = new TreeMap<>();
        statuses.values().forEach(byStatus -> byStatus.forEach((key, count) -> total.merge(key, count, Long::sum)));
        return total;
    }

    synchronized SortedMap<String, Long> statuses(Action action) {
        return new TreeMap<>(statuses.get(action));
    }

    synchronized Latency latency() {
        return Latency.of(all);
    }

    synchronized Latency latency(Action action) {
        return Latency.of(latencies.get(action));
    }

    private void count(Action action, Status status) {
        statuses.get(action).merge(status.key(), 1L, Long::sum);
    }
}
