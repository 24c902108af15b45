package dev.shop.load;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressTest {

    private static final long MILLISECOND = 1_000_000;
    private static final RateProfile PROFILE = new RateProfile(10, Duration.ZERO, Duration.ofSeconds(60), Duration.ZERO);

    @Test
    void eachLineCountsTheErrorsOfItsSecondsByKind() {
        Statistics stats = new Statistics();
        Statistics.Snapshot start = stats.snapshot();
        record(stats, Outcome.answered(Action.PRODUCT, 200), 5);
        record(stats, Outcome.answered(Action.ORDER, 409), 1);
        Statistics.Snapshot first = stats.snapshot();
        record(stats, Outcome.answered(Action.PRODUCT, 200), 3);
        record(stats, Outcome.answered(Action.PRODUCT, 503), 2);
        record(stats, new Outcome(Action.LOGIN, Status.REFUSED), 1);
        record(stats, new Outcome(Action.ORDER, Status.RESET), 1);
        Statistics.Snapshot second = stats.snapshot();

        String quiet = Progress.line(PROFILE, 0, 10, start, first);
        assertTrue(quiet.endsWith("errors    0 (status -, refused 0, reset 0, timeout 0)  answers 200:5 409:1"), quiet);
        String failing = Progress.line(PROFILE, 10, 20, first, second);
        assertTrue(failing.startsWith("   20s hold  target    10.0/s  sent     0.7/s  answered     0.7/s"), failing);
        assertTrue(failing.endsWith("errors    4 (status 503:2, refused 1, reset 1, timeout 0)  answers 200:3"), failing);

        Summary.Interval interval = Progress.interval(10, 20, first, second);
        assertEquals(7, interval.sent());
        assertEquals(new Failures(4, new TreeMap<>(Map.of("503", 2L)), 1, 1, 0, new TreeMap<>()), interval.failures());
    }

    @Test
    void theSummaryKeepsEveryLinesFigures() throws InterruptedException {
        Statistics stats = new Statistics();
        StringWriter out = new StringWriter();
        Progress progress = new Progress(PROFILE, stats, new PrintWriter(out));
        progress.start(System.nanoTime(), Duration.ofMillis(150));
        record(stats, new Outcome(Action.SEARCH, Status.TIMEOUT), 2);
        Thread.sleep(400);
        progress.stop();

        assertTrue(progress.intervals().size() >= 3, out::toString);
        assertEquals(out.toString().lines().count(), progress.intervals().size());
        assertEquals(2, progress.intervals().stream().mapToLong(i -> i.failures().timeout()).sum());
        assertTrue(out.toString().contains("errors    2 (status -, refused 0, reset 0, timeout 2)"), out::toString);
    }

    private static void record(Statistics stats, Outcome outcome, int times) {
        for (int i = 0; i < times; i++) {
            stats.due(outcome.action(), 1000);
            stats.ended(outcome.action(), outcome, 10 * MILLISECOND);
        }
    }
}
