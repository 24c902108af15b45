package dev.shop.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Product reads through the gateway at a steady rate, open loop (sent when due, answered or not),
 * each remembered with when it was sent, how long it took, what came back and which replica served it.
 */
final class SteadyReads implements AutoCloseable {

    /** One read: its status (0 when no answer came: {@code error} says why). */
    record Read(Instant sent, Duration latency, int status, String servedBy, String error) {
        boolean failed() {
            return status != 200;
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    private final ConcurrentLinkedQueue<Read> reads = new ConcurrentLinkedQueue<>();
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private final URI gateway;

    SteadyReads(URI gateway, int perSecond) {
        this.gateway = gateway;
        clock.scheduleAtFixedRate(this::send, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
    }

    private void send() {
        long n = sequence.incrementAndGet();
        String path = n % 4 == 0 ? "/api/categories" : "/api/products/" + (n % 60 + 1);
        Instant sent = Instant.now();
        long started = System.nanoTime();
        inFlight.incrementAndGet();
        client.sendAsync(HttpRequest.newBuilder(gateway.resolve(path)).timeout(TIMEOUT).build(),
                        HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, failure) -> {
                    Duration latency = Duration.ofNanos(System.nanoTime() - started);
                    reads.add(failure == null
                            ? new Read(sent, latency, response.statusCode(),
                                    response.headers().firstValue("X-Served-By").orElse(""), null)
                            : new Read(sent, latency, 0, "", path + ": " + failure));
                    inFlight.decrementAndGet();
                });
    }

    List<Read> all() {
        return List.copyOf(reads);
    }

    /** The reads that failed, and one for each read still unanswered (after {@link #close()}, none should be). */
    List<Read> failed() {
        List<Read> failed = new java.util.ArrayList<>(reads.stream().filter(Read::failed).toList());
        for (long i = inFlight.get(); i > 0; i--) {
            failed.add(new Read(Instant.now(), Duration.ZERO, 0, "", "no answer, not even a timeout"));
        }
        return failed;
    }

    List<Read> sentBetween(Instant from, Instant to) {
        return reads.stream().filter(r -> !r.sent().isBefore(from) && r.sent().isBefore(to)).toList();
    }

    /** Reads sent in [from, to) that this replica (its HOSTNAME) answered. */
    List<Read> servedBy(String replica, Instant from, Instant to) {
        return sentBetween(from, to).stream().filter(r -> r.servedBy().endsWith("/" + replica)).toList();
    }

    /** Stops sending, and waits for the answers still due. */
    @Override
    public void close() {
        clock.shutdownNow();
        Instant deadline = Instant.now().plus(TIMEOUT).plusSeconds(1);
        while (inFlight.get() > 0 && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
