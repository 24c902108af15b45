package dev.shop.order;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An order takes its stock in one call to catalog-service: the reservation and its confirmation
 * together ({@code ?confirm=true}), since nothing comes between them. A catalog-service from before
 * that parameter (a rolling update) ignores it and only holds the stock; the order then confirms the
 * hold, as it used to.
 */
@QuarkusTest
class StockInOneCallTest extends BreakersClosedAfterEach {

    @Test
    void anOrderTakesItsStockInOneCall() throws Exception {
        long product = Catalog.product("One call", "3.00", 10);
        String orderId;
        int calls;
        try (var inventory = Neighbours.network().count(call -> call.path().startsWith("/api/inventory/"))) {
            orderId = new Shopper().order(Map.of(product, 2)).then().statusCode(201).extract().path("id");
            calls = inventory.arrived();
        }
        assertEquals(1, calls, "calls to catalog-service's inventory for one order");
        assertEquals("CONFIRMED", Catalog.reservationStatus(UUID.fromString(OrderRows.reservationOf(orderId))));
        assertEquals(8, Catalog.stock(product));
    }

    @Test
    void aCatalogThatOnlyHoldsHasTheHoldConfirmed() throws Exception {
        long product = Catalog.product("Held first", "3.00", 10);
        String orderId;
        int confirmations;
        try (var olderCatalog = Neighbours.network().dropQuery(call -> call.method().equals("POST")
                && call.path().equals("/api/inventory/reservations"));
             var confirmation = Neighbours.network().count(call -> call.path().endsWith("/confirmation"))) {
            orderId = new Shopper().order(Map.of(product, 3)).then().statusCode(201).extract().path("id");
            confirmations = confirmation.arrived();
        }
        assertEquals(1, confirmations, "confirmations of the hold");
        assertEquals("CONFIRMED", Catalog.reservationStatus(UUID.fromString(OrderRows.reservationOf(orderId))));
        assertEquals(7, Catalog.stock(product));
    }
}
