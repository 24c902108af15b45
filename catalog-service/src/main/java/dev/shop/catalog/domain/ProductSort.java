package dev.shop.catalog.domain;

import java.util.Arrays;
import java.util.Optional;

/** The orders a product listing can be sorted in; the id breaks ties so that pages are stable. */
public enum ProductSort {
    NAME("name", "lower(p.name), p.id"),
    PRICE("price", "p.price, p.id"),
    PRICE_DESCENDING("-price", "p.price desc, p.id");

    private final String parameter;
    private final String orderBy;

    ProductSort(String parameter, String orderBy) {
        this.parameter = parameter;
        this.orderBy = orderBy;
    }

    public static Optional<ProductSort> fromParameter(String value) {
        return Arrays.stream(values()).filter(s -> s.parameter.equals(value)).findFirst();
    }

    public static String allowed() {
        return String.join(", ", Arrays.stream(values()).map(s -> s.parameter).toList());
    }

    String orderBy() {
        return orderBy;
    }
}
