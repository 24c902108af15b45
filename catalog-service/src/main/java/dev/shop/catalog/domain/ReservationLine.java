package dev.shop.catalog.domain;

import jakarta.persistence.Embeddable;

import java.math.BigDecimal;

/**
 * One product of a reservation, with its name and price at the time.
 *
 * @param available the stock there was, on the short lines of a rejected reservation; else null
 */
@Embeddable
public record ReservationLine(Long productId, String name, int quantity, BigDecimal unitPrice, Integer available) {

    public boolean isShort() {
        return available != null;
    }

    public BigDecimal lineTotal() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}
