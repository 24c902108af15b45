package dev.shop.catalog.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shop.catalog.domain.Catalog;
import dev.shop.catalog.domain.Inventory;
import dev.shop.catalog.domain.ReservationRehearsal;
import dev.shop.catalog.domain.ShopCurrency;
import dev.shop.catalog.domain.ProductQuery;
import dev.shop.catalog.domain.ProductSort;
import dev.shop.common.web.PageRequest;
import dev.shop.common.warmup.WarmupTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import java.util.UUID;

/**
 * Runs the catalog's reads and a reservation (rolled back, so nothing changes) once, with the JSON
 * binding and validation of their requests and responses.
 */
@ApplicationScoped
class CatalogWarmup implements WarmupTask {

    private final Catalog catalog;
    private final Inventory inventory;
    private final ReservationRehearsal rehearsal;
    private final ObjectMapper json;
    private final Validator validator;
    private final String currency;

    CatalogWarmup(Catalog catalog, Inventory inventory, ReservationRehearsal rehearsal, ObjectMapper json,
                  Validator validator, ShopCurrency currency) {
        this.catalog = catalog;
        this.inventory = inventory;
        this.rehearsal = rehearsal;
        this.json = json;
        this.validator = validator;
        this.currency = currency.code();
    }

    @Override
    public void run() throws Exception {
        json.writeValueAsString(catalog.categories().stream().map(CategoryResponse::from).toList());
        for (ProductSort sort : ProductSort.values()) {
            var page = catalog.search(new ProductQuery(null, null, sort, PageRequest.parse(null, null)));
            json.writeValueAsString(page.map(p -> ProductResponse.from(p, currency)));
        }
        catalog.search(new ProductQuery(null, "warm-up", ProductSort.NAME, PageRequest.parse(null, null)));
        inventory.find(UUID.randomUUID());
        var products = catalog.search(new ProductQuery(null, null, ProductSort.NAME, PageRequest.parse(null, "1")));
        if (products.items().isEmpty()) {
            return;
        }
        long productId = products.items().getFirst().id();
        json.writeValueAsString(ProductResponse.from(catalog.product(productId).orElseThrow(), currency));
        ReservationRequest request = json.readValue("""
                {"reservationId": "%s", "orderId": "%s", "items": [{"productId": %d, "quantity": 1}]}"""
                .formatted(UUID.randomUUID(), UUID.randomUUID(), productId), ReservationRequest.class);
        validator.validate(request);
        json.writeValueAsString(ReservationResponse.from(rehearsal.run(productId)));
    }
}
