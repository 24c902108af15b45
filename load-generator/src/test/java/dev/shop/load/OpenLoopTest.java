package dev.shop.load;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loop against stand-in requests, in real time: short profiles, well under a second each. */
class OpenLoopTest {

    private static final RateProfile PROFILE = new RateProfile(200, Duration.ofMillis(200), Duration.ofMillis(500),
            Duration.ofMillis(200));
    private static final Mix BROWSING = Mix.parse("browse=1");

    @Test
    void sendsEveryRequestOfTheProfileWhenItIsDue() {
        Statistics stats = new Statistics();
        List<Long> sentAt = new CopyOnWriteArrayList<>();
        OpenLoop loop = new OpenLoop(PROFILE, BROWSING, 100, Duration.ofSeconds(1), (action, random) -> {
            sentAt.add(System.nanoTime());
            return CompletableFuture.completedFuture(Outcome.answered(action, 200));
        }, stats, RequestLog.NONE);

        long start = System.nanoTime();
        assertEquals(Summary.StopReason.PROFILE_COMPLETED, loop.run(start, start + TimeUnit.SECONDS.toNanos(10)));

        assertEquals(140, PROFILE.totalArrivals());
        assertEquals(140, stats.scheduled());
        assertEquals(140, stats.sent());
        assertEquals(Map.of("200", 140L), stats.statuses(Action.BROWSE));
        for (int k = 1; k <= sentAt.size(); k++) {
            double late = (sentAt.get(k - 1) - start) / 1e9 - PROFILE.arrivalTime(k);
            assertTrue(late >= 0 && late < 0.05, "request " + k + " was sent " + late + " s after it was due");
        }
    }

    @Test
    void doesNotWaitForAnswersButDropsWhatIsBeyondTheLimit() {
        Statistics stats = new Statistics();
        // A shop that never answers: the loop must neither slow down nor wait.
        OpenLoop loop = new OpenLoop(PROFILE, BROWSING, 5, Duration.ofSeconds(30), (action, random) -> new CompletableFuture<>(),
                stats, RequestLog.NONE);

        long start = System.nanoTime();
        Summary.StopReason stoppedBy = loop.run(start, start + TimeUnit.MILLISECONDS.toNanos(1500));
        double seconds = (System.nanoTime() - start) / 1e9;
        stats.close();

        assertEquals(Summary.StopReason.MAX_DURATION, stoppedBy, "the answers never came: the hard limit ended it");
        assertTrue(seconds < 2, "stopped at the limit, after " + seconds + " s");
        assertEquals(140, stats.scheduled(), "every request was due on time");
        assertEquals(5, stats.sent());
        assertEquals(Map.of("dropped", 135L, "unfinished", 5L), stats.statuses(Action.BROWSE));
    }

    @Test
    void givesUpOnRequestsAfterTheTimeout() {
        Statistics stats = new Statistics();
        OpenLoop loop = new OpenLoop(PROFILE, BROWSING, 1000, Duration.ofMillis(100), (action, random) -> new CompletableFuture<>(),
                stats, RequestLog.NONE);

        long start = System.nanoTime();
        assertEquals(Summary.StopReason.PROFILE_COMPLETED, loop.run(start, start + TimeUnit.SECONDS.toNanos(10)));

        assertEquals(Map.of("timeout", 140L), stats.statuses(Action.BROWSE));
        assertTrue(stats.latency().p50() >= 100, "a timed-out request took at least the timeout");
    }

    @Test
    void aRequestThatFailsToStartIsAnError() {
        Statistics stats = new Statistics();
        OpenLoop loop = new OpenLoop(new RateProfile(100, Duration.ZERO, Duration.ofMillis(100), Duration.ZERO), BROWSING,
                10, Duration.ofSeconds(1), (action, random) -> {
                    throw new IllegalStateException("broken");
                }, stats, RequestLog.NONE);

        long start = System.nanoTime();
        loop.run(start, start + TimeUnit.SECONDS.toNanos(5));

        assertEquals(Map.of("failed:IllegalStateException", 10L), stats.statuses(Action.BROWSE));
    }
}
