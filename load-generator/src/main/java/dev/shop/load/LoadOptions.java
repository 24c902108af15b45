package dev.shop.load;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/** A run's settings, checked: every message names the option and the environment variable it came from. */
public record LoadOptions(URI target, RateProfile profile, int shoppers, Mix mix, Duration timeout, int maxInFlight,
                          Duration reportEvery, Duration awaitTarget, Duration maxDuration,
                          Optional<Path> summaryJson, Optional<Path> requestLog, OptionalDouble maxErrorRate) {

    /** Room beyond the profile for finding the shop, registering the shoppers and the last answers. */
    static final Duration MARGIN = Duration.ofMinutes(1);

    public LoadOptions {
        String scheme = target.getScheme();
        if (!("http".equals(scheme) || "https".equals(scheme)) || target.getHost() == null) {
            throw new IllegalArgumentException("--target (SHOP_LOAD_TARGET) must be an http:// or https:// address "
                    + "such as http://localhost:8080, not '" + target + "'");
        }
        require(shoppers >= 1, "--shoppers (SHOP_LOAD_SHOPPERS) must be 1 or more, not " + shoppers);
        require(maxInFlight >= 1, "--max-in-flight (SHOP_LOAD_MAX_IN_FLIGHT) must be 1 or more, not " + maxInFlight);
        require(positive(timeout), "--timeout (SHOP_LOAD_TIMEOUT) must be more than 0");
        require(positive(reportEvery), "--report-every (SHOP_LOAD_REPORT_EVERY) must be more than 0");
        require(positive(maxDuration), "--max-duration (SHOP_LOAD_MAX_DURATION) must be more than 0");
        maxErrorRate.ifPresent(rate -> require(rate >= 0 && rate <= 1,
                "--max-error-rate (SHOP_LOAD_MAX_ERROR_RATE) must be between 0 and 1 (or 0% and 100%), not " + rate));
    }

    /** The default hard limit: the profile, waiting for the shop, one timeout and a minute to spare. */
    public static Duration defaultMaxDuration(RateProfile profile, Duration awaitTarget, Duration timeout) {
        return profile.duration().plus(awaitTarget).plus(timeout).plus(MARGIN);
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
