package dev.shop.catalog.api;

import dev.shop.catalog.domain.Category;

public record CategoryResponse(String slug, String name) {

    static CategoryResponse from(Category category) {
        return new CategoryResponse(category.slug(), category.name());
    }
}
