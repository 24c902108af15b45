package dev.shop.load;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatisticsTest {

    private static final long MILLISECOND = 1_000_000;

    @Test
    void percentilesOfTheLatencies() {
        Statistics stats = new Statistics();
        for (int millis = 1; millis <= 1000; millis++) {
            assertTrue(stats.due(Action.BROWSE, 10));
            stats.ended(Action.BROWSE, Outcome.answered(Action.BROWSE, 200), millis * MILLISECOND);
        }
        Latency latency = stats.latency();
        assertEquals(1000, latency.count());
        // HdrHistogram keeps 3 significant digits: within 0.1 %.
        assertEquals(500, latency.p50(), 0.5);
        assertEquals(900, latency.p90(), 0.9);
        assertEquals(950, latency.p95(), 0.95);
        assertEquals(990, latency.p99(), 1.0);
        assertEquals(999, latency.p999(), 1.0);
        assertEquals(1000, latency.max(), 1.0);
        assertEquals(500.5, latency.mean(), 0.5);
        assertEquals(latency, stats.latency(Action.BROWSE));
        assertEquals(0, stats.latency(Action.ORDER).count());
    }

    @Test
    void theIntervalLatencyStartsAfreshAtEachSnapshot() {
        Statistics stats = new Statistics();
        stats.due(Action.SEARCH, 10);
        stats.ended(Action.SEARCH, Outcome.answered(Action.SEARCH, 200), 400 * MILLISECOND);
        assertEquals(400, stats.snapshot().interval().p50(), 0.5);
        stats.due(Action.SEARCH, 10);
        stats.ended(Action.SEARCH, Outcome.answered(Action.SEARCH, 200), 20 * MILLISECOND);
        Statistics.Snapshot second = stats.snapshot();
        assertEquals(20, second.interval().max(), 0.1);
        assertEquals(2, second.answered());
        assertEquals(400, stats.latency().max(), 0.5, "the run's latency keeps everything");
    }

    @Test
    void requestsBeyondTheInFlightLimitAreDroppedAndCountAsErrors() {
        Statistics stats = new Statistics();
        assertTrue(stats.due(Action.ORDER, 2));
        assertTrue(stats.due(Action.ORDER, 2));
        assertFalse(stats.due(Action.ORDER, 2));
        assertEquals(2, stats.inFlight());
        stats.ended(Action.ORDER, Outcome.answered(Action.ORDER, 201), MILLISECOND);
        assertTrue(stats.due(Action.LIST, 2));
        assertEquals(4, stats.scheduled());
        assertEquals(3, stats.sent());
        assertEquals(Map.of("201", 1L, "dropped", 1L), stats.statuses(Action.ORDER));
    }

    @Test
    void whatIsStillInFlightAtTheEndIsUnfinishedAndLateAnswersAreIgnored() {
        Statistics stats = new Statistics();
        stats.due(Action.PRODUCT, 10);
        stats.due(Action.PRODUCT, 10);
        stats.ended(Action.PRODUCT, Outcome.answered(Action.PRODUCT, 200), MILLISECOND);
        stats.close();
        stats.ended(Action.PRODUCT, Outcome.answered(Action.PRODUCT, 200), MILLISECOND);
        assertFalse(stats.due(Action.PRODUCT, 10), "nothing is sent once closed");
        assertEquals(Map.of("200", 1L, "unfinished", 1L), stats.statuses(Action.PRODUCT));
        assertEquals(0, stats.inFlight());
        assertEquals(1, stats.latency().count());
    }

    @Test
    void theSummaryCountsErrorsPerRequestDue() {
        Statistics stats = new Statistics();
        record(stats, Action.BROWSE, Status.of(200), 80);
        record(stats, Action.BROWSE, Status.of(503), 5);
        record(stats, Action.ORDER, Status.of(201), 6);
        record(stats, Action.ORDER, Status.of(409), 2);     // stock ran out: an answer, not an error
        record(stats, Action.CANCEL, Status.of(200), 3);
        record(stats, Action.LIST, Status.failure(new CompletionException(new HttpTimeoutException("timed out"))), 1);
        record(stats, Action.LIST, Status.failure(new ConnectException()), 1);
        stats.due(Action.SEARCH, 10);
        stats.due(Action.SEARCH, 0);                         // dropped
        stats.loggedIn();
        stats.close();                                       // the first search is unfinished

        Summary summary = Summary.of(options(), Instant.parse("2030-01-01T00:00:00Z"),
                Summary.StopReason.PROFILE_COMPLETED, Duration.ofSeconds(10), stats, List.of());

        Summary.Requests requests = summary.requests();
        assertEquals(100, requests.scheduled());
        assertEquals(99, requests.sent());
        assertEquals(1, requests.dropped());
        assertEquals(1, requests.unfinished());
        assertEquals(5 + 1 + 1 + 1 + 1, requests.errors());
        assertEquals(0.09, requests.errorRate(), 1e-9);
        assertEquals(9.9, requests.sentPerSecond(), 1e-9);
        assertEquals(new Summary.Orders(6, 3), summary.orders());
        assertEquals(1, summary.logins());
        assertEquals(85, summary.actions().get("browse").requests());
        assertEquals(5, summary.actions().get("browse").errors());
        assertEquals(Map.of("timeout", 1L, "refused", 1L), summary.actions().get("list").statuses());
        assertEquals(new Failures(9, new TreeMap<>(Map.of("503", 5L)), 1, 0, 1,
                new TreeMap<>(Map.of("dropped", 1L, "unfinished", 1L))), summary.failures());
        assertEquals(98, summary.latency().count());
        assertEquals(140, summary.profile().plannedRequests());
        assertEquals("profile completed", summary.stoppedBy());
        assertTrue(summary.errorRateAbove(0.05));
        assertFalse(summary.errorRateAbove(0.09));
    }

    @Test
    void errorsAreServerErrorsAndMissingAnswers() {
        assertFalse(Status.of(200).error());
        assertFalse(Status.of(404).error());
        assertFalse(Status.of(409).error());
        assertTrue(Status.of(500).error());
        assertTrue(Status.of(503).error());
        assertEquals("timeout", Status.failure(new TimeoutException()).key());
        assertEquals("401", Status.failure(new CompletionException(new Status.HttpStatusException(401, "login"))).key());
        assertFalse(Status.failure(new Status.HttpStatusException(401, "login")).error());
        assertEquals("reset", Status.failure(new java.io.IOException("Connection reset")).key());
        assertEquals("io-error", Status.failure(new java.io.IOException("Invalid status line")).key());
        assertTrue(Status.isError("503"));
        assertTrue(Status.isError("dropped"));
        assertFalse(Status.isError("409"));
    }

    private static void record(Statistics stats, Action action, Status status, int times) {
        for (int i = 0; i < times; i++) {
            stats.due(action, 1000);
            stats.ended(action, new Outcome(action, status), (10 + i) * MILLISECOND);
        }
    }

    private static LoadOptions options() {
        RateProfile profile = new RateProfile(20, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(2));
        return new LoadOptions(URI.create("http://localhost:8080"), profile, 5, Mix.parse(Mix.DEFAULT),
                Duration.ofSeconds(5), 100, Duration.ofSeconds(5), Duration.ZERO, Duration.ofMinutes(2),
                Optional.empty(), Optional.empty(), OptionalDouble.empty());
    }
}
