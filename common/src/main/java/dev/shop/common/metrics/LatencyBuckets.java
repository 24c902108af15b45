package dev.shop.common.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Latency buckets on the request timers, so Prometheus can answer "p95 per service" and "how many
 * answers took under 100 ms" (the objectives in observability/prometheus/rules/shop-slos.yml).
 *
 * <p>A fixed, short list instead of Micrometer's percentile histogram (about 70 buckets per
 * series): eleven boundaries per method, path template and status are enough for p50/p95/p99 and
 * hold the objectives' thresholds (100 ms, 1 s) exactly, at a seventh of the series.
 */
public class LatencyBuckets {

    /** The boundaries, in seconds: 5 ms to 10 s. 0.1 and 1.0 are the objectives' thresholds. */
    static final Duration[] BOUNDARIES = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    /** Requests served (http.server.requests) and made to other services (http.client.requests). */
    @Produces
    @Singleton
    MeterFilter requestTimerBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("http.server.requests") && !id.getName().equals("http.client.requests")) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .serviceLevelObjectives(toNanos(BOUNDARIES))
                        .build()
                        .merge(config);
            }
        };
    }

    private static double[] toNanos(Duration[] durations) {
        double[] nanos = new double[durations.length];
        for (int i = 0; i < durations.length; i++) {
            nanos[i] = durations[i].toNanos();
        }
        return nanos;
    }
}
