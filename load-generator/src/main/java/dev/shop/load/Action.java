package dev.shop.load;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a shopper does with one request. Their names are the ones {@code --mix} uses. */
public enum Action {
    /** A page of the product listing (all or one category), or the category list. */
    BROWSE,
    /** The product listing searched for a word taken from the catalog. */
    SEARCH,
    /** One product's page. */
    PRODUCT,
    /** A small order (one or two products, one of each) with its own Idempotency-Key. */
    ORDER,
    /** The shopper's own orders. */
    LIST,
    /** Cancels an order placed earlier in this run. */
    CANCEL,
    /** A login of its own as one of the shoppers, whose token the shopper then uses. */
    LOGIN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Action> byLabel(String label) {
        return Arrays.stream(values()).filter(a -> a.label().equals(label)).findFirst();
    }

    public static String labels() {
        return Arrays.stream(values()).map(Action::label).collect(Collectors.joining(", "));
    }
}
