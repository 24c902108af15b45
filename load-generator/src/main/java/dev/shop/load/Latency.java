package dev.shop.load;

import org.HdrHistogram.Histogram;

/**
 * Latency percentiles in milliseconds, each request timed from when it was due to be sent (not from
 * when it was sent), so that a generator falling behind shows as latency rather than hiding it.
 */
public record Latency(long count, double p50, double p90, double p95, double p99, double p999, double max, double mean) {

    /** From a histogram of microseconds. */
    public static Latency of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new Latency(0, 0, 0, 0, 0, 0, 0, 0);
        }
        return new Latency(micros.getTotalCount(),
                millis(micros.getValueAtPercentile(50)), millis(micros.getValueAtPercentile(90)),
                millis(micros.getValueAtPercentile(95)), millis(micros.getValueAtPercentile(99)),
                millis(micros.getValueAtPercentile(99.9)), millis(micros.getMaxValue()),
                Math.round(micros.getMean()) / 1000.0);
    }

    /** A histogram for microseconds that grows as needed, exact to 3 significant digits. */
    public static Histogram histogram() {
        return new Histogram(3);
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }
}
