package dev.shop.catalog.domain;

import dev.shop.common.web.PageRequest;

/** A search of the catalog: every criterion optional. */
public record ProductQuery(String categorySlug, String text, ProductSort sort, PageRequest page) {
}
