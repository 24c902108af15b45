package dev.shop.load;

import java.time.Duration;
import java.util.Locale;

/**
 * The target arrival rate over time: up in a straight line from 0 to {@code peak} requests per second
 * during the ramp, {@code peak} during the hold, and down in a straight line to 0 during the drop.
 * Requests are due evenly along it: the k-th one when the integral of the rate reaches k.
 */
public record RateProfile(double peak, Duration ramp, Duration hold, Duration drop) {

    public enum Phase {
        RAMP, HOLD, DROP, DONE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public RateProfile {
        if (!(peak > 0) || Double.isInfinite(peak)) {
            throw new IllegalArgumentException("the rate must be a number of requests per second above 0, not " + peak);
        }
        if (ramp.isNegative() || hold.isNegative() || drop.isNegative()) {
            throw new IllegalArgumentException("ramp, hold and drop must not be negative");
        }
        if (ramp.plus(hold).plus(drop).isZero()) {
            throw new IllegalArgumentException("ramp, hold and drop are all 0: there is no time to send anything in");
        }
    }

    public Duration duration() {
        return ramp.plus(hold).plus(drop);
    }

    /** The target rate, in requests per second, {@code t} seconds after the start. */
    public double rateAt(double t) {
        double r = seconds(ramp);
        double h = seconds(hold);
        double d = seconds(drop);
        if (t < 0 || t >= r + h + d) {
            return 0;
        }
        if (t < r) {
            return peak * t / r;
        }
        if (t < r + h) {
            return peak;
        }
        return peak * (1 - (t - r - h) / d);
    }

    /** How many requests are due by {@code t} seconds after the start: the integral of the rate. */
    public double arrivalsBy(double t) {
        double r = seconds(ramp);
        double h = seconds(hold);
        double d = seconds(drop);
        if (t <= 0) {
            return 0;
        }
        if (t < r) {
            return peak * t * t / (2 * r);
        }
        double afterRamp = peak * r / 2;
        if (t < r + h) {
            return afterRamp + peak * (t - r);
        }
        double afterHold = afterRamp + peak * h;
        if (t < r + h + d) {
            double u = t - r - h;
            return afterHold + peak * u - peak * u * u / (2 * d);
        }
        return afterHold + peak * d / 2;
    }

    /** The number of requests in the whole profile (the integral, rounded down). */
    public long totalArrivals() {
        return (long) Math.floor(arrivalsBy(seconds(duration())) + 1e-9);
    }

    /** When the k-th request (from 1) is due, in seconds after the start: the inverse of {@link #arrivalsBy}. */
    public double arrivalTime(long k) {
        if (k < 1 || k > totalArrivals()) {
            throw new IllegalArgumentException("the profile has requests 1 to " + totalArrivals() + ", not " + k);
        }
        double r = seconds(ramp);
        double h = seconds(hold);
        double d = seconds(drop);
        double afterRamp = peak * r / 2;
        double afterHold = afterRamp + peak * h;
        if (k <= afterRamp) {
            return Math.sqrt(2 * r * k / peak);
        }
        if (k <= afterHold) {
            return r + (k - afterRamp) / peak;
        }
        // peak * u - peak * u² / 2d = m, the smaller root.
        double m = k - afterHold;
        return r + h + d - Math.sqrt(Math.max(0, d * d - 2 * d * m / peak));
    }

    public Phase phaseAt(double t) {
        double r = seconds(ramp);
        double h = seconds(hold);
        if (t < r) {
            return Phase.RAMP;
        }
        if (t < r + h) {
            return Phase.HOLD;
        }
        return t < r + h + seconds(drop) ? Phase.DROP : Phase.DONE;
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
