package dev.shop.load;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;

/**
 * Sends each request of the profile at the instant it is due, whether or not earlier ones have been
 * answered: a slow shop gets the same requests and shows it as latency and errors, instead of being
 * sent less. A request due while {@code maxInFlight} are unanswered is not sent and counts as
 * dropped; every request sent is given up after the timeout. Latency runs from the instant a request
 * was due, so a generator that falls behind still measures what a shopper would have waited.
 */
final class OpenLoop {

    /** Starts one request, on the loop's thread; it must not block. */
    @FunctionalInterface
    interface Requests {
        CompletableFuture<Outcome> start(Action action, RandomGenerator random);
    }

    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final RateProfile profile;
    private final Mix mix;
    private final int maxInFlight;
    private final Duration timeout;
    private final Requests requests;
    private final Statistics stats;
    private final RequestLog log;
    private final SplittableRandom random = new SplittableRandom();

    OpenLoop(RateProfile profile, Mix mix, int maxInFlight, Duration timeout, Requests requests, Statistics stats,
             RequestLog log) {
        this.profile = profile;
        this.mix = mix;
        this.maxInFlight = maxInFlight;
        this.timeout = timeout;
        this.requests = requests;
        this.stats = stats;
        this.log = log;
    }

    /**
     * Runs the profile from {@code startNanos} and waits for the last answers, never past
     * {@code deadlineNanos} (both {@link System#nanoTime()} values).
     */
    Summary.StopReason run(long startNanos, long deadlineNanos) {
        long total = profile.totalArrivals();
        for (long k = 1; k <= total; k++) {
            long due = startNanos + Math.round(profile.arrivalTime(k) * 1e9);
            if (due - deadlineNanos > 0) {
                return Summary.StopReason.MAX_DURATION;
            }
            if (!sleepUntil(due)) {
                return Summary.StopReason.INTERRUPTED;
            }
            send(due);
        }
        while (stats.inFlight() > 0) {
            if (System.nanoTime() - deadlineNanos >= 0) {
                return Summary.StopReason.MAX_DURATION;
            }
            if (!sleepUntil(Math.min(System.nanoTime() + IDLE_POLL_NANOS, deadlineNanos))) {
                return Summary.StopReason.INTERRUPTED;
            }
        }
        return Summary.StopReason.PROFILE_COMPLETED;
    }

    private void send(long due) {
        Action action = mix.pick(random.nextDouble());
        if (!stats.due(action, maxInFlight)) {
            log.ended(due, new Outcome(action, Status.DROPPED), System.nanoTime() - due);
            return;
        }
        CompletableFuture<Outcome> outcome;
        try {
            outcome = requests.start(action, random);
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        outcome.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).whenComplete((result, failure) -> {
            Outcome ended = failure == null ? result : new Outcome(action, Status.failure(failure));
            long latency = System.nanoTime() - due;
            stats.ended(action, ended, latency);
            log.ended(due, ended, latency);
        });
    }

    /** Parks until the instant; false if the thread was interrupted. */
    private static boolean sleepUntil(long instantNanos) {
        long remaining;
        while ((remaining = instantNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
        return !Thread.currentThread().isInterrupted();
    }
}
