package dev.shop.order;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An order takes its stock in one call to catalog-service: the reservation and its confirmation
 * together ({@code ?confirm=true}), since nothing comes between them. A catalog-service from before
 * that parameter (a rolling update) ignores it and only holds the stock; the order then confirms the
 * hold, as it used to. The confirmation is written by the request that recorded the order, unless
 * the order was settled meanwhile.
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

    /**
     * The request that recorded an order writes its confirmation only if the order is still
     * PENDING. Here the catalog's answer to it (stock taken) comes late: a retry with the same key
     * confirmed the order meanwhile, and the customer cancelled it.
     */
    @Test
    void aLateAnswerLeavesAnOrderSettledMeanwhileAsItIs() throws Exception {
        long product = Catalog.product("Late answer", "4.00", 10);
        Shopper shopper = new Shopper();
        String key = "late-answer-" + UUID.randomUUID();
        AtomicBoolean first = new AtomicBoolean(true);
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (var firstTake = Neighbours.network().holdAnswer(call -> call.method().equals("POST")
                && call.path().equals("/api/inventory/reservations") && first.getAndSet(false))) {
            Future<Response> late = background.submit(() -> shopper.order(Map.of(product, 2), key));
            firstTake.awaitArrival(Duration.ofSeconds(10));
            firstTake.awaitDelivered(Duration.ofSeconds(10));

            String orderId = shopper.order(Map.of(product, 2), key).then().statusCode(200)
                    .body("status", equalTo("CONFIRMED")).extract().path("id");
            shopper.cancel(orderId).then().statusCode(200).body("status", equalTo("CANCELLED"));
            assertEquals(10, Catalog.stock(product));

            firstTake.close();
            // The late request is the one that created the order: 201, with the order as it is now.
            late.get(30, TimeUnit.SECONDS).then().statusCode(201)
                    .body("id", equalTo(orderId)).body("status", equalTo("CANCELLED"));
            shopper.get(orderId).then().statusCode(200).body("status", equalTo("CANCELLED"));
        } finally {
            background.shutdownNow();
        }
        assertEquals(10, Catalog.stock(product));
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
