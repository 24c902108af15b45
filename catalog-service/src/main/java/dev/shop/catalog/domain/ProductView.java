package dev.shop.catalog.domain;

import java.math.BigDecimal;

/**
 * A product as the catalog shows it, read as plain values: no entity, nothing for Hibernate to track
 * or check for changes. The read every shopper's page makes.
 */
public record ProductView(long id, String sku, String name, String description, BigDecimal price,
                          String categorySlug, int stock) {
}
