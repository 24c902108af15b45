package dev.shop.common.web;

import dev.shop.common.problem.ProblemException;

/**
 * The {@code page} and {@code size} query parameters, checked. They arrive as text because JAX-RS
 * answers an unparsable number in a query parameter with 404; here it is a 400 naming the parameter.
 */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    /** Deep enough for any real listing, and keeps page * size far from overflowing. */
    public static final int MAX_PAGE = 100_000;

    public static PageRequest parse(String page, String size) {
        return new PageRequest(
                number("page", page, 0, 0, MAX_PAGE),
                number("size", size, DEFAULT_SIZE, 1, MAX_SIZE));
    }

    public int offset() {
        return page * size;
    }

    private static int number(String name, String text, int absent, int min, int max) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        int value;
        try {
            value = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField(name, "must be a whole number between " + min + " and " + max);
        }
        if (value < min || value > max) {
            throw ProblemException.invalidField(name, "must be between " + min + " and " + max);
        }
        return value;
    }
}
