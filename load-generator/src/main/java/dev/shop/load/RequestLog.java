package dev.shop.load;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code --request-log}: one CSV line per request as it ends, so that what happened around one
 * instant (a replica added, restarted, killed) can be computed afterwards, request by request:
 * <pre>
 * due_epoch_ms,action,outcome,latency_ms
 * 1767628800123,product,200,4.2
 * 1767628800143,order,refused,1.1
 * </pre>
 * {@code due_epoch_ms} is when the request was due (milliseconds since the epoch, by the machine's
 * clock), {@code outcome} its {@link Status#key()} (a status code, or refused, reset, timeout, dropped),
 * {@code latency_ms} the time from due to its end. Lines are streamed to the file through a small
 * buffer, written out at least once a second, so memory stays the same however long the run; a
 * request still unanswered when the run ends has no line (the summary counts it as unfinished).
 */
final class RequestLog implements AutoCloseable {

    static final String HEADER = "due_epoch_ms,action,outcome,latency_ms";

    /** No log: nothing is written. */
    static final RequestLog NONE = new RequestLog(null, null, 0, 0);

    private static final long FLUSH_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Path path;
    private final BufferedWriter writer;
    // Due instants are System.nanoTime() values; the epoch millisecond is reckoned from one instant both were read.
    private final long originNanos;
    private final long originEpochMillis;
    private long flushedAtNanos;
    private IOException failure;
    private boolean closed;

    private RequestLog(Path path, BufferedWriter writer, long originNanos, long originEpochMillis) {
        this.path = path;
        this.writer = writer;
        this.originNanos = originNanos;
        this.originEpochMillis = originEpochMillis;
        this.flushedAtNanos = originNanos;
        this.closed = writer == null;
    }

    /** Creates (or empties) the file and writes its header; an error here means the run must not start. */
    static RequestLog open(Path path, Clock clock) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        BufferedWriter writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
        try {
            writer.write(HEADER);
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            writer.close();
            throw e;
        }
        return new RequestLog(path, writer, System.nanoTime(), clock.millis());
    }

    /** A request due at {@code dueNanos} (a {@link System#nanoTime()} value) ended as {@code outcome}. */
    synchronized void ended(long dueNanos, Outcome outcome, long latencyNanos) {
        if (closed || failure != null) {
            return;
        }
        long dueEpochMillis = originEpochMillis + Math.round((dueNanos - originNanos) / 1e6);
        try {
            writer.write(String.format(Locale.ROOT, "%d,%s,%s,%.1f", dueEpochMillis, outcome.action().label(),
                    outcome.status().key(), Math.max(0, latencyNanos) / 1e6));
            writer.newLine();
            long now = System.nanoTime();
            if (now - flushedAtNanos >= FLUSH_EVERY_NANOS) {
                writer.flush();
                flushedAtNanos = now;
            }
        } catch (IOException e) {
            failure = e;
        }
    }

    /** Why the log is incomplete, if it is: the first write that failed. */
    synchronized Optional<String> failure() {
        return failure == null ? Optional.empty() : Optional.of("Could not write the request log " + path + ": " + failure);
    }

    /** Writes out what is buffered and closes the file; later requests are not logged. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            writer.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }
}
