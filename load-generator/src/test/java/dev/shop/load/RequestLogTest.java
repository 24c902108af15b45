package dev.shop.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestLogTest {

    private static final long MILLISECOND = 1_000_000;

    @TempDir
    Path directory;

    @Test
    void oneLinePerRequestWithItsDueInstantOutcomeAndLatency() throws IOException {
        Path file = directory.resolve("logs/requests.csv");
        Instant opened = Instant.parse("2030-01-01T00:00:00Z");
        long before = System.nanoTime();
        RequestLog log = RequestLog.open(file, Clock.fixed(opened, ZoneOffset.UTC));
        long due = System.nanoTime() + 1500 * MILLISECOND;
        log.ended(due, Outcome.answered(Action.PRODUCT, 200), 4_250_000);
        log.ended(due + 20 * MILLISECOND, new Outcome(Action.ORDER, Status.REFUSED), 1_100_000);
        log.ended(due + 40 * MILLISECOND, new Outcome(Action.LOGIN, Status.RESET), 2 * 1000 * MILLISECOND);
        log.ended(due + 60 * MILLISECOND, new Outcome(Action.SEARCH, Status.TIMEOUT), 5 * 1000 * MILLISECOND);
        log.ended(due + 80 * MILLISECOND, Outcome.answered(Action.BROWSE, 503), 12 * MILLISECOND);
        log.close();
        long after = System.nanoTime();
        log.ended(due + 100 * MILLISECOND, Outcome.answered(Action.BROWSE, 200), MILLISECOND);

        List<String> lines = Files.readAllLines(file);
        assertEquals(6, lines.size(), "the header and the five requests before the log was closed: " + lines);
        assertEquals("due_epoch_ms,action,outcome,latency_ms", lines.get(0));
        // The log's origin was read between before and after: the first request was due 1.5 s after it, give or take.
        long first = Long.parseLong(lines.get(1).split(",")[0]);
        long opening = opened.toEpochMilli();
        assertTrue(first >= opening + 1500 - 1 && first <= opening + 1500 + (after - before) / MILLISECOND + 1,
                () -> first + " is not 1.5 s after " + opening);
        assertEquals(List.of(first + ",product,200,4.3", (first + 20) + ",order,refused,1.1", (first + 40) + ",login,reset,2000.0",
                (first + 60) + ",search,timeout,5000.0", (first + 80) + ",browse,503,12.0"), lines.subList(1, 6));
        assertTrue(log.failure().isEmpty());
    }

    @Test
    void linesReachTheFileWhileTheRunGoesOnNotOnlyAtTheEnd() throws IOException {
        Path file = directory.resolve("requests.csv");
        RequestLog log = RequestLog.open(file, Clock.systemUTC());
        long due = System.nanoTime();
        // Far more than any buffer holds: what is written must already be in the file.
        for (int i = 0; i < 100_000; i++) {
            log.ended(due + i * MILLISECOND, Outcome.answered(Action.PRODUCT, 200), 3 * MILLISECOND);
        }
        long written = Files.size(file);
        assertTrue(written > 100_000L * "1767628800123,product,200,3.0\n".length() - 16_384,
                () -> "only " + written + " bytes in the file before it was closed");
        log.close();
        assertEquals(100_001, Files.readAllLines(file).size());
    }

    @Test
    void aFileThatCannotBeCreatedIsAnErrorBeforeAnythingIsSent() throws IOException {
        Path notADirectory = Files.writeString(directory.resolve("file"), "x");
        assertThrows(IOException.class, () -> RequestLog.open(notADirectory.resolve("requests.csv"), Clock.systemUTC()));
    }

    @Test
    void theOpenLoopLogsEveryRequestItSentAndEveryOneItDropped() throws IOException {
        Path file = directory.resolve("requests.csv");
        RateProfile profile = new RateProfile(100, Duration.ZERO, Duration.ofMillis(500), Duration.ZERO);
        Statistics stats = new Statistics();
        long opened = System.currentTimeMillis();
        // Every third request never answers: with at most 5 in flight, later ones are dropped.
        int[] started = {0};
        try (RequestLog log = RequestLog.open(file, Clock.systemUTC())) {
            OpenLoop loop = new OpenLoop(profile, Mix.parse("product=1"), 5, Duration.ofMillis(150), (action, random) ->
                    ++started[0] % 3 == 0 ? new CompletableFuture<>() : CompletableFuture.completedFuture(Outcome.answered(action, 200)),
                    stats, log);
            long start = System.nanoTime();
            assertEquals(Summary.StopReason.PROFILE_COMPLETED, loop.run(start, start + TimeUnit.SECONDS.toNanos(5)));
        }

        List<String[]> requests = Files.readAllLines(file).stream().skip(1).map(line -> line.split(",")).toList();
        assertEquals(50, requests.size(), "one line per request due");
        assertEquals(stats.statuses(Action.PRODUCT).get("200"), count(requests, "200"));
        assertEquals(stats.statuses(Action.PRODUCT).get("timeout"), count(requests, "timeout"));
        assertEquals(stats.statuses(Action.PRODUCT).getOrDefault("dropped", 0L), count(requests, "dropped"));
        assertEquals(50, count(requests, "200") + count(requests, "timeout") + count(requests, "dropped"));
        for (String[] request : requests) {
            long due = Long.parseLong(request[0]);
            assertTrue(due >= opened && due <= opened + 1000, () -> due + " is not within the run, from " + opened);
            assertEquals("product", request[1]);
            if (request[2].equals("timeout")) {
                assertTrue(Double.parseDouble(request[3]) >= 150, () -> String.join(",", request));
            }
        }
    }

    private static long count(List<String[]> requests, String outcome) {
        return requests.stream().filter(request -> request[2].equals(outcome)).count();
    }
}
