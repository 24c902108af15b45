package dev.shop.order.api;

import dev.shop.order.domain.Order;
import dev.shop.order.domain.OrderStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order; names, prices and totals are there once it is confirmed. */
public record OrderResponse(UUID id, OrderStatus status, List<Item> items, BigDecimal total, String currency,
                            Instant createdAt) {

    public record Item(long productId, String name, int quantity, BigDecimal unitPrice, BigDecimal lineTotal) {
    }

    static OrderResponse from(Order order) {
        return new OrderResponse(order.id(), order.status(),
                order.lines().stream()
                        .map(l -> new Item(l.productId(), l.name(), l.quantity(), l.unitPrice(), l.lineTotal()))
                        .toList(),
                order.total(), order.currency(), order.createdAt());
    }
}
