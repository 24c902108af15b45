package dev.shop.load;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run: find the shop and learn its catalog, register the shoppers, send the load, and report.
 * Nothing in it outlives {@code --max-duration}, counted from the start of the program.
 */
final class LoadRun {

    private final LoadOptions options;
    private final ObjectMapper json;
    private final PrintWriter out;
    private final PrintWriter err;

    LoadRun(LoadOptions options, ObjectMapper json, PrintWriter out, PrintWriter err) {
        this.options = options;
        this.json = json;
        this.out = out;
        this.err = err;
    }

    int run() {
        Instant started = Instant.now();
        long deadline = System.nanoTime() + options.maxDuration().toNanos();
        String runId = UUID.randomUUID().toString().substring(0, 8);
        RequestLog log;
        try {
            log = openRequestLog();
        } catch (IOException e) {
            err.println("Could not write the request log " + options.requestLog().orElseThrow() + ": " + e);
            err.flush();
            return ExitCodes.OUTPUT_NOT_WRITTEN;
        }
        HttpClient http = ShopApi.client(options.timeout());
        try {
            ShopApi shop = new ShopApi(http, options.target(), options.timeout(), json);
            Statistics stats = new Statistics();
            Catalog catalog;
            List<Shopper> shoppers;
            try {
                catalog = awaitCatalog(shop, deadline);
                out.printf("The shop at %s: %d categories, %d products (%d in stock), %d search words%n",
                        options.target(), catalog.categories().size(), catalog.products().size(),
                        catalog.inStock().size(), catalog.searchWords().size());
                long registering = System.nanoTime();
                shoppers = Shoppers.register(shop, options.shoppers(), runId, stats, deadline);
                out.printf(Locale.ROOT, "%d shoppers registered and logged in (%.1f s); run id %s%n", shoppers.size(),
                        (System.nanoTime() - registering) / 1e9, runId);
            } catch (ShopUnavailable e) {
                err.println(e.getMessage());
                err.flush();
                return ExitCodes.SHOP_UNAVAILABLE;
            }
            return load(new Shopping(shop, catalog, shoppers, stats, runId), stats, log, started, deadline);
        } finally {
            log.close();
            http.shutdownNow();
        }
    }

    private RequestLog openRequestLog() throws IOException {
        return options.requestLog().isPresent() ? RequestLog.open(options.requestLog().get(), Clock.systemUTC())
                : RequestLog.NONE;
    }

    private int load(Shopping shopping, Statistics stats, RequestLog log, Instant started, long deadline) {
        RateProfile profile = options.profile();
        out.printf("Load: %s requests/s at the peak, ramp %s, hold %s, drop %s: %d requests; mix %s; "
                        + "at most %d in flight, each given up after %s; stops by %s after the start at the latest%n",
                SummaryText.number(profile.peak()), Durations.format(profile.ramp()), Durations.format(profile.hold()),
                Durations.format(profile.drop()), profile.totalArrivals(), options.mix(), options.maxInFlight(),
                Durations.format(options.timeout()), Durations.format(options.maxDuration()));
        out.flush();
        OpenLoop loop = new OpenLoop(profile, options.mix(), options.maxInFlight(), options.timeout(), shopping, stats, log);
        Progress progress = new Progress(profile, stats, out);
        long start = System.nanoTime();
        Conclusion conclusion = new Conclusion(stats, log, progress, started, start);
        // Stopped from outside (Ctrl-C, docker stop, a Job deleted): the summary of what ran, all the same.
        Thread onSignal = new Thread(() -> conclusion.conclude(Summary.StopReason.INTERRUPTED), "summary-when-stopped");
        Runtime.getRuntime().addShutdownHook(onSignal);
        progress.start(start, options.reportEvery());
        Summary.StopReason stoppedBy = loop.run(start, deadline);
        try {
            Runtime.getRuntime().removeShutdownHook(onSignal);
        } catch (IllegalStateException stopping) {
            // The JVM is already stopping: the hook gives the summary.
        }
        return conclusion.conclude(stoppedBy);
    }

    /** The end of the load, once only: whichever comes first, the profile's end or a signal. */
    private final class Conclusion {
        private final Statistics stats;
        private final RequestLog log;
        private final Progress progress;
        private final Instant started;
        private final long startNanos;
        private final AtomicBoolean concluded = new AtomicBoolean();

        Conclusion(Statistics stats, RequestLog log, Progress progress, Instant started, long startNanos) {
            this.stats = stats;
            this.log = log;
            this.progress = progress;
            this.started = started;
            this.startNanos = startNanos;
        }

        int conclude(Summary.StopReason stoppedBy) {
            if (!concluded.compareAndSet(false, true)) {
                return ExitCodes.FAILED;
            }
            stats.close();
            log.close();
            progress.stop();
            Summary summary = Summary.of(options, started, stoppedBy, Duration.ofNanos(System.nanoTime() - startNanos), stats,
                    progress.intervals());
            SummaryText.print(summary, out);
            return verdict(summary, log);
        }
    }

    /** The catalog, asking again every second while --await-target allows. */
    private Catalog awaitCatalog(ShopApi shop, long deadline) {
        long giveUp = Math.min(deadline, System.nanoTime() + options.awaitTarget().toNanos());
        boolean waiting = false;
        while (true) {
            try {
                return Catalog.discover(shop);
            } catch (ShopUnavailable e) {
                if (System.nanoTime() + TimeUnit.SECONDS.toNanos(1) - giveUp > 0) {
                    throw e;
                }
                if (!waiting) {
                    out.printf("Waiting up to %s for the shop at %s to answer...%n",
                            Durations.format(options.awaitTarget()), options.target());
                    out.flush();
                    waiting = true;
                }
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    private int verdict(Summary summary, RequestLog log) {
        if (options.summaryJson().isPresent()) {
            Path path = options.summaryJson().get();
            try {
                Path parent = path.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                json.writerWithDefaultPrettyPrinter().writeValue(path.toFile(), summary);
                out.println("Summary written to " + path);
                out.flush();
            } catch (IOException e) {
                err.println("Could not write the summary to " + path + ": " + e);
                err.flush();
                return ExitCodes.OUTPUT_NOT_WRITTEN;
            }
        }
        if (log.failure().isPresent()) {
            err.println(log.failure().get());
            err.flush();
            return ExitCodes.OUTPUT_NOT_WRITTEN;
        }
        if (options.requestLog().isPresent()) {
            out.println("Request log written to " + options.requestLog().get());
            out.flush();
        }
        if (options.maxErrorRate().isPresent() && summary.errorRateAbove(options.maxErrorRate().getAsDouble())) {
            err.printf(Locale.ROOT, "The error rate, %.2f %%, is above --max-error-rate %.2f %%.%n",
                    summary.requests().errorRate() * 100, options.maxErrorRate().getAsDouble() * 100);
            err.flush();
            return ExitCodes.ERROR_RATE_EXCEEDED;
        }
        return ExitCodes.COMPLETED;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShopUnavailable("Interrupted while waiting for the shop.");
        }
    }
}
