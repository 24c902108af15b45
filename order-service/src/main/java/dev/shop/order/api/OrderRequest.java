package dev.shop.order.api;

import dev.shop.common.problem.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** An order as a customer places it: products and quantities only. Prices are the catalog's. */
public record OrderRequest(@NotNull @Size(min = 1, max = 50) List<@Valid @NotNull Item> items) {

    static final int MAX_QUANTITY = 100;

    public record Item(@NotNull @Min(1) Long productId, @NotNull @Min(1) @Max(MAX_QUANTITY) Integer quantity) {
    }

    /** One quantity per product: lines naming the same product are added up. */
    SortedMap<Long, Integer> quantities() {
        SortedMap<Long, Integer> merged = new TreeMap<>();
        items.forEach(item -> merged.merge(item.productId(), item.quantity(), Integer::sum));
        merged.forEach((product, quantity) -> {
            if (quantity > MAX_QUANTITY) {
                throw ProblemException.invalidField("items",
                        "at most " + MAX_QUANTITY + " of one product per order (product " + product + ")");
            }
        });
        return merged;
    }
}
