package dev.shop.load;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them on a command line: 60s, 5m, 1m30s, 250ms, 1.5s, 2h; or ISO-8601 (PT1M). */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ms|s|m|h))+");

    private Durations() {
    }

    public static Duration parse(String text) {
        String value = text == null ? "" : text.strip();
        if (value.startsWith("-")) {
            throw new IllegalArgumentException("'" + value + "' is negative: a duration must be 0 or more");
        }
        if (value.matches("\\d+(?:\\.\\d+)?")) {
            return ofSeconds(Double.parseDouble(value));
        }
        if (WHOLE.matcher(value).matches()) {
            Duration total = Duration.ZERO;
            Matcher part = PART.matcher(value);
            while (part.find()) {
                double amount = Double.parseDouble(part.group(1));
                total = total.plus(ofSeconds(switch (part.group(2)) {
                    case "ms" -> amount / 1000;
                    case "s" -> amount;
                    case "m" -> amount * 60;
                    default -> amount * 3600;
                }));
            }
            return total;
        }
        try {
            Duration iso = Duration.parse(value);
            if (!iso.isNegative()) {
                return iso;
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw new IllegalArgumentException("'" + value + "' is not a duration; write it as 60s, 5m, 1m30s or 250ms");
    }

    /** The shortest of 2h, 5m, 1m30s, 45s, 1.5s, 250ms that says it. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis % 1000 != 0) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0).replace(".0s", "s");
        }
        long seconds = millis / 1000;
        StringBuilder text = new StringBuilder();
        if (seconds >= 3600) {
            text.append(seconds / 3600).append('h');
        }
        if (seconds % 3600 >= 60) {
            text.append(seconds % 3600 / 60).append('m');
        }
        if (seconds % 60 > 0) {
            text.append(seconds % 60).append('s');
        }
        return text.toString();
    }

    private static Duration ofSeconds(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}
