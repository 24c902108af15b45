package dev.shop.common.settings;

import java.util.regex.Pattern;

/**
 * The bounds of a service's own settings, checked when it starts: a value outside them stops the
 * start, with the setting's name and what it must be.
 *
 * <p>Bean Validation annotations on the {@code @ConfigMapping} interfaces did this before, but with
 * any of them Quarkus builds a second Hibernate Validator, for the configuration alone, before
 * anything else starts: 0.3-0.5 s of every start of a replica (docs/performance.md). The few bounds the
 * shop's settings have need none of it.
 */
public final class SettingChecks {

    private SettingChecks() {
    }

    public static void atLeast(String setting, long value, long min) {
        if (value < min) {
            throw refused(setting, value, "must be at least " + min);
        }
    }

    public static void between(String setting, long value, long min, long max) {
        if (value < min || value > max) {
            throw refused(setting, value, "must be between " + min + " and " + max);
        }
    }

    /** {@code value} must match {@code pattern} whole; {@code what} says in words what that is. */
    public static void matches(String setting, String value, String pattern, String what) {
        if (value == null || !Pattern.matches(pattern, value)) {
            throw refused(setting, value, "must be " + what);
        }
    }

    private static IllegalStateException refused(String setting, Object value, String rule) {
        return new IllegalStateException("The setting " + setting + " is '" + value + "': it " + rule + ".");
    }
}
