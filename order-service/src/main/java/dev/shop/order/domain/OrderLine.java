package dev.shop.order.domain;

import jakarta.persistence.Embeddable;

import java.math.BigDecimal;

/** One product of an order; its name and price are catalog-service's, copied on confirmation. */
@Embeddable
public record OrderLine(Long productId, int quantity, String name, BigDecimal unitPrice) {

    public BigDecimal lineTotal() {
        return unitPrice == null ? null : unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}
