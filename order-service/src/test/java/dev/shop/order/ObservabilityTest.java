package dev.shop.order;

import dev.shop.testing.Metrics;
import dev.shop.testing.OperationsEndpoints;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ObservabilityTest {

    static final String PLACED = "shop_orders_total{status=\"pending\"}";
    static final String CONFIRMED = "shop_orders_total{status=\"confirmed\"}";
    static final String CANCELLED = "shop_orders_total{status=\"cancelled\"}";
    static final String REJECTED = "shop_orders_total{status=\"rejected\"}";
    static final String SHORT = "shop_orders_rejected_total{reason=\"insufficient_stock\"}";

    @Test
    void theOperationsEndpointsAreThere() {
        OperationsEndpoints.assertServedBy("order-service", "/api/orders/{id}/cancel");
    }

    /** Only requests place orders and reject them for stock; recovery may confirm or cancel others meanwhile. */
    @Test
    void ordersAreCountedByWhatHappensToThem() {
        double placed = Metrics.value(PLACED);
        double confirmed = Metrics.value(CONFIRMED);
        double cancelled = Metrics.value(CANCELLED);
        double rejected = Metrics.value(REJECTED);
        double shortOfStock = Metrics.value(SHORT);
        long product = Catalog.product("Counted", "2.00", 3);
        Shopper shopper = new Shopper();

        String orderId = shopper.order(Map.of(product, 2)).then().statusCode(201).extract().path("id");
        shopper.cancel(orderId).then().statusCode(200);
        shopper.order(Map.of(product, 5)).then().statusCode(409);

        assertEquals(placed + 2, Metrics.value(PLACED));
        assertTrue(Metrics.value(CONFIRMED) >= confirmed + 1, "one more confirmed");
        assertTrue(Metrics.value(CANCELLED) >= cancelled + 1, "one more cancelled");
        assertEquals(rejected + 1, Metrics.value(REJECTED));
        assertEquals(shortOfStock + 1, Metrics.value(SHORT));
    }

    @Test
    void theTimeRecoveryAllowsIsPublishedForTheAlertOnPendingOrders() {
        // %test.shop.recovery.pending-timeout=PT20S
        assertEquals(20.0, Metrics.value("shop_order_recovery_pending_timeout_seconds"));
    }
}
