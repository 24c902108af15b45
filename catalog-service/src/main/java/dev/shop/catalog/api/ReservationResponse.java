package dev.shop.catalog.api;

import dev.shop.catalog.domain.Reservation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record ReservationResponse(UUID reservationId, UUID orderId, Reservation.Status status, List<Item> items,
                                  BigDecimal total, String currency, Instant expiresAt) {

    public record Item(long productId, String name, int quantity, BigDecimal unitPrice) {
    }

    static ReservationResponse from(Reservation reservation) {
        return new ReservationResponse(reservation.id(), reservation.orderId(), reservation.status(),
                reservation.lines().stream()
                        .map(l -> new Item(l.productId(), l.name(), l.quantity(), l.unitPrice()))
                        .toList(),
                reservation.total(), reservation.currency(), reservation.expiresAt());
    }
}
