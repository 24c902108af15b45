package dev.shop.catalog.api;

import dev.shop.catalog.domain.ProductView;

import java.math.BigDecimal;

public record ProductResponse(long id, String sku, String name, String description, BigDecimal price,
                              String currency, String category, int stock) {

    static ProductResponse from(ProductView product, String currency) {
        return new ProductResponse(product.id(), product.sku(), product.name(), product.description(),
                product.price(), currency, product.categorySlug(), product.stock());
    }
}
