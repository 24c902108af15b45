package dev.shop.load;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The errors among some requests, by kind: 5xx answers by status code, connections refused,
 * connections reset or closed before the answer, timeouts, and the rest (dropped, unfinished, other
 * failures) by name. What a person watching a scale event or a fault looks for, in every progress
 * line and in the summary.
 */
public record Failures(long total, SortedMap<String, Long> status, long refused, long reset, long timeout,
                       SortedMap<String, Long> other) {

    public Failures {
        status = Collections.unmodifiableSortedMap(new TreeMap<>(status));
        other = Collections.unmodifiableSortedMap(new TreeMap<>(other));
    }

    /** From requests counted by status key ({@link Status#key()}); answers that are not errors are left out. */
    public static Failures of(Map<String, Long> statuses) {
        SortedMap<String, Long> status = new TreeMap<>();
        SortedMap<String, Long> other = new TreeMap<>();
        long total = 0;
        long refused = 0;
        long reset = 0;
        long timeout = 0;
        for (Map.Entry<String, Long> entry : statuses.entrySet()) {
            String key = entry.getKey();
            long count = entry.getValue();
            if (count == 0 || !Status.isError(key)) {
                continue;
            }
            total += count;
            if (Status.isCode(key)) {
                status.put(key, count);
            } else if (key.equals(Status.REFUSED.key())) {
                refused += count;
            } else if (key.equals(Status.RESET.key())) {
                reset += count;
            } else if (key.equals(Status.TIMEOUT.key())) {
                timeout += count;
            } else {
                other.put(key, count);
            }
        }
        return new Failures(total, status, refused, reset, timeout, other);
    }

    /** "status 503:2, refused 1, reset 0, timeout 0" (and "dropped 4" and the like when there are any). */
    public String describe() {
        StringBuilder text = new StringBuilder("status ").append(status.isEmpty() ? "-" : status.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(" ")));
        text.append(", refused ").append(refused).append(", reset ").append(reset).append(", timeout ").append(timeout);
        other.forEach((kind, count) -> text.append(", ").append(kind).append(' ').append(count));
        return text.toString();
    }
}
