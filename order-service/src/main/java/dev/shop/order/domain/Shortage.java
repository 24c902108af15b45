package dev.shop.order.domain;

import java.util.List;
import java.util.stream.Collectors;

/** A product there was not enough of when the order was placed. */
public record Shortage(long productId, String name, int requested, int available) {

    /** "Not enough stock for Cups (3 wanted, 1 left), Pot (2 wanted, 0 left)." */
    static String describe(List<Shortage> shortages) {
        if (shortages.isEmpty()) {
            return "Not enough stock.";
        }
        return "Not enough stock for " + shortages.stream()
                .map(s -> s.name() + " (" + s.requested() + " wanted, " + s.available() + " left)")
                .collect(Collectors.joining(", ")) + ".";
    }
}
