package dev.shop.load;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The result of a run, as printed at the end and written by {@code --summary-json}. Requests are
 * counted as they were due: {@code scheduled} = {@code sent} + {@code dropped}; {@code errors} are
 * 5xx answers and requests without an answer (see {@link Status}); {@code errorRate} is errors per
 * scheduled request, and {@code failures} sorts them by kind. {@code intervals} are the progress lines'
 * figures, one per --report-every: what a person watching saw, kept for whoever reads the JSON.
 */
public record Summary(String target, String started, String stoppedBy, double seconds, Profile profile,
                      int shoppers, String mix, Requests requests, Latency latency,
                      SortedMap<String, Long> statuses, Failures failures, Map<String, ActionSummary> actions,
                      Orders orders, long logins, List<Interval> intervals) {

    public record Profile(double rate, double rampSeconds, double holdSeconds, double dropSeconds,
                          long plannedRequests) {

        static Profile of(RateProfile profile) {
            return new Profile(profile.peak(), seconds(profile.ramp()), seconds(profile.hold()),
                    seconds(profile.drop()), profile.totalArrivals());
        }
    }

    public record Requests(long scheduled, long sent, long dropped, long unfinished, long errors, double errorRate,
                           double sentPerSecond) {
    }

    public record ActionSummary(long requests, long errors, SortedMap<String, Long> statuses, Latency latency) {
    }

    public record Orders(long placed, long cancelled) {
    }

    /** The seconds from {@code fromSeconds} to {@code toSeconds} after the load began, as its progress line showed them. */
    public record Interval(double fromSeconds, double toSeconds, long sent, long answered, double p50, double p99,
                           Failures failures) {
    }

    /** How the run ended. */
    public enum StopReason {
        PROFILE_COMPLETED("profile completed"),
        MAX_DURATION("max duration reached"),
        INTERRUPTED("interrupted");

        private final String text;

        StopReason(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    static Summary of(LoadOptions options, Instant started, StopReason stoppedBy, Duration loadTime, Statistics stats,
                      List<Interval> intervals) {
        SortedMap<String, Long> statuses = stats.statuses();
        Map<String, ActionSummary> actions = new LinkedHashMap<>();
        for (Action action : Action.values()) {
            SortedMap<String, Long> byStatus = stats.statuses(action);
            actions.put(action.label(), new ActionSummary(sum(byStatus), errors(byStatus), byStatus,
                    stats.latency(action)));
        }
        long scheduled = stats.scheduled();
        long errors = errors(statuses);
        double seconds = seconds(loadTime);
        Requests requests = new Requests(scheduled, stats.sent(), statuses.getOrDefault(Status.DROPPED.key(), 0L),
                statuses.getOrDefault(Status.UNFINISHED.key(), 0L), errors,
                scheduled == 0 ? 0 : (double) errors / scheduled,
                seconds == 0 ? 0 : round(stats.sent() / seconds));
        Orders orders = new Orders(stats.statuses(Action.ORDER).getOrDefault("201", 0L),
                stats.statuses(Action.CANCEL).getOrDefault("200", 0L));
        return new Summary(options.target().toString(), started.toString(), stoppedBy.text(), round(seconds),
                Profile.of(options.profile()), options.shoppers(), options.mix().toString(), requests,
                stats.latency(), statuses, Failures.of(statuses), actions, orders, stats.logins(), List.copyOf(intervals));
    }

    public boolean errorRateAbove(double limit) {
        return requests.errorRate() > limit;
    }

    static long errors(Map<String, Long> statuses) {
        return statuses.entrySet().stream().filter(e -> Status.isError(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    private static long sum(Map<String, Long> statuses) {
        return statuses.values().stream().mapToLong(Long::longValue).sum();
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
