package dev.shop.catalog.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/** A reservation for one order: its id (chosen by order-service), the order it is for, the lines. */
public record ReservationRequest(@NotNull UUID reservationId, @NotNull UUID orderId,
                                 @NotNull @Size(min = 1, max = 100) List<@Valid @NotNull Item> items) {

    public record Item(@NotNull Long productId, @NotNull @Min(1) @Max(1000) Integer quantity) {
    }

    /** One quantity per product: lines naming the same product are added up. */
    SortedMap<Long, Integer> quantities() {
        SortedMap<Long, Integer> merged = new TreeMap<>();
        items.forEach(item -> merged.merge(item.productId(), item.quantity(), Integer::sum));
        return merged;
    }
}
