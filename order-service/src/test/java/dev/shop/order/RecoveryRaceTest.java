package dev.shop.order;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Recovery and a retry with the same Idempotency-Key work on one order at the same moment. Recovery
 * looked the reservation up (never arrived) and is about to give it up; the retry reserves and
 * confirms in between. Whatever the order, the stock is taken once and the order and the catalog
 * agree: here the confirmation came first, so the late abandonment changes nothing.
 */
@QuarkusTest
class RecoveryRaceTest extends BreakersClosedAfterEach {


    @Test
    void aRetryThatConfirmsWhileRecoveryAbandonsWinsAndSellsTheStockOnce() throws Exception {
        long product = Catalog.product("Contested By Recovery", "5.00", 10);
        Shopper shopper = new Shopper();
        String key = "race-" + UUID.randomUUID();
        CatalogProxy network = Neighbours.network();

        // 1. The first attempt's reservation is lost on the way: the order stays PENDING.
        String orderId = placeWithTheReservationLost(shopper, Map.of(product, 3), key);
        String reservation = OrderRows.reservationOf(orderId);

        // 2. Recovery takes the stale order up, finds no reservation, and abandons it: held back on the way.
        try (var abandonment = network.holdBack(call -> call.path()
                .equals("/api/inventory/reservations/" + reservation + "/abandonment"))) {
            abandonment.awaitArrival(Duration.ofSeconds(60));

            // 3. Meanwhile the customer retries: reserved and confirmed.
            shopper.order(Map.of(product, 3), key).then().statusCode(200)
                    .body("id", equalTo(orderId))
                    .body("status", equalTo("CONFIRMED"));
            assertEquals("CONFIRMED", Catalog.reservationStatus(UUID.fromString(reservation)));
            assertEquals(7, Catalog.stock(product));

            // 4. Recovery's abandonment (and its retry) reach the catalog only now, after the confirmation.
            abandonment.close();
            abandonment.awaitDelivered(Duration.ofSeconds(30));
        }

        assertEquals("CONFIRMED", Catalog.reservationStatus(UUID.fromString(reservation)));
        assertEquals(7, Catalog.stock(product), "sold once, and not put back behind the order's back");
        Thread.sleep(3_000); // recovery runs every second in tests: it must leave the order as it is
        shopper.get(orderId).then().statusCode(200).body("status", equalTo("CONFIRMED"));
        assertEquals(7, Catalog.stock(product));
    }

    @Test
    void aReservationAbandonedBeforeTheRetryArrivesRejectsTheOrderAndTakesNothing() throws Exception {
        long product = Catalog.product("Abandoned By Recovery", "5.00", 10);
        Shopper shopper = new Shopper();
        String key = "late-" + UUID.randomUUID();

        String orderId = placeWithTheReservationLost(shopper, Map.of(product, 2), key);
        assertEquals("REJECTED", shopper.awaitSettled(orderId, Duration.ofSeconds(60)));
        shopper.order(Map.of(product, 2), key).then().statusCode(409)
                .body("type", equalTo("urn:shop:problem:order-abandoned"));
        assertEquals(10, Catalog.stock(product));
        assertEquals("RELEASED", Catalog.reservationStatus(UUID.fromString(OrderRows.reservationOf(orderId))));
    }

    /** An order whose reservation is lost on the way (twice: the attempt and its retry): left PENDING. */
    private static String placeWithTheReservationLost(Shopper shopper, Map<Long, Integer> items, String key) {
        try (var lost = Neighbours.network().lose(call -> call.method().equals("POST")
                && call.path().equals("/api/inventory/reservations"))) {
            return shopper.order(items, key).then().statusCode(503)
                    .body("type", equalTo("urn:shop:problem:unavailable"))
                    .extract().path("orderId");
        }
    }
}
