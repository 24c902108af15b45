package dev.shop.load;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The summary as people read it, at the end of the output. */
final class SummaryText {

    private SummaryText() {
    }

    static void print(Summary summary, PrintWriter out) {
        Summary.Requests requests = summary.requests();
        Summary.Profile profile = summary.profile();
        out.println();
        out.printf(Locale.ROOT, "Summary: %s after %.1f s, against %s%n", summary.stoppedBy(), summary.seconds(),
                summary.target());
        out.printf(Locale.ROOT, "  profile   %s/s, ramp %ss, hold %ss, drop %ss: %d requests planned; %d shoppers; mix %s%n",
                number(profile.rate()), number(profile.rampSeconds()), number(profile.holdSeconds()),
                number(profile.dropSeconds()), profile.plannedRequests(), summary.shoppers(), summary.mix());
        out.printf(Locale.ROOT, "  requests  %d due, %d sent (%.1f/s), %d dropped, %d unfinished%n",
                requests.scheduled(), requests.sent(), requests.sentPerSecond(), requests.dropped(), requests.unfinished());
        out.printf(Locale.ROOT, "  errors    %d (%.2f %% of the requests due): 5xx, and requests without an answer%n",
                requests.errors(), requests.errorRate() * 100);
        out.printf("  failures  %s%n", summary.failures().describe());
        out.printf(Locale.ROOT, "  latency   %s (from when each request was due)%n", latency(summary.latency()));
        out.printf("  statuses  %s%n", statuses(summary.statuses()));
        out.printf(Locale.ROOT, "  orders    %d placed, %d cancelled; %d logins%n", summary.orders().placed(),
                summary.orders().cancelled(), summary.logins());
        out.printf("  %-8s %9s %7s %9s %9s %9s %9s  %s%n", "action", "requests", "errors", "p50 ms", "p95 ms",
                "p99 ms", "max ms", "statuses");
        summary.actions().forEach((action, stats) -> out.printf(Locale.ROOT,
                "  %-8s %9d %7d %9.1f %9.1f %9.1f %9.1f  %s%n", action, stats.requests(), stats.errors(),
                stats.latency().p50(), stats.latency().p95(), stats.latency().p99(), stats.latency().max(),
                statuses(stats.statuses())));
        out.flush();
    }

    private static String latency(Latency latency) {
        return String.format(Locale.ROOT, "p50 %.1f ms, p90 %.1f ms, p95 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms",
                latency.p50(), latency.p90(), latency.p95(), latency.p99(), latency.p999(), latency.max());
    }

    private static String statuses(Map<String, Long> statuses) {
        return statuses.isEmpty() ? "-" : statuses.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
