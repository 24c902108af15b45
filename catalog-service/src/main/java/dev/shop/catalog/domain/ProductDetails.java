package dev.shop.catalog.domain;

import java.math.BigDecimal;

/** What an administrator sets on a product; the category is given by its slug. */
public record ProductDetails(String sku, String name, String description, BigDecimal price,
                             String categorySlug, int stock) {
}
