package dev.shop.catalog.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shop.catalog.domain.Catalog;
import dev.shop.catalog.domain.Inventory;
import dev.shop.catalog.domain.ProductQuery;
import dev.shop.catalog.domain.ProductSort;
import dev.shop.common.web.PageRequest;
import dev.shop.common.warmup.WarmupTask;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.UUID;

/** Runs the catalog's reads and a reservation's locking path once (changing nothing), and their JSON. */
@ApplicationScoped
class CatalogWarmup implements WarmupTask {

    private final Catalog catalog;
    private final Inventory inventory;
    private final ObjectMapper json;
    private final String currency;

    CatalogWarmup(Catalog catalog, Inventory inventory, ObjectMapper json,
                  @ConfigProperty(name = "shop.currency") String currency) {
        this.catalog = catalog;
        this.inventory = inventory;
        this.json = json;
        this.currency = currency;
    }

    @Override
    public void run() throws Exception {
        json.writeValueAsString(catalog.categories().stream().map(CategoryResponse::from).toList());
        for (ProductSort sort : ProductSort.values()) {
            var page = catalog.search(new ProductQuery(null, null, sort, PageRequest.parse(null, null)));
            json.writeValueAsString(page.map(p -> ProductResponse.from(p, currency)));
        }
        catalog.search(new ProductQuery(null, "warm-up", ProductSort.NAME, PageRequest.parse(null, null)));
        catalog.product(1).map(p -> ProductResponse.from(p, currency));
        inventory.find(UUID.randomUUID());
        inventory.rehearseReservation();
    }
}
