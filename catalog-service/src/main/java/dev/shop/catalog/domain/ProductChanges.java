package dev.shop.catalog.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

/**
 * Every write of a product, whichever path makes it (the catalog's administration, a reservation,
 * a release, an expired hold), tells the product views, so that none can be forgotten.
 */
@ApplicationScoped
public class ProductChanges {

    private final ProductViews views;

    ProductChanges(ProductViews views) {
        this.views = views;
    }

    @PostPersist
    @PostUpdate
    @PostRemove
    void changed(Product product) {
        views.changed(product.id());
    }
}
