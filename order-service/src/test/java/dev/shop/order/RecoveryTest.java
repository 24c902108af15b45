package dev.shop.order;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * order-service died between two steps of the saga. The recovery job settles what was left, and
 * every unit of stock ends up either with a confirmed order or back on the shelf.
 */
@QuarkusTest
class RecoveryTest {

    @Test
    void settlesOrdersLeftBehindByACrash() throws Exception {
        // 1. Died after catalog-service reserved the stock, before the order was confirmed.
        long reservedProduct = Catalog.product("Reserved Then Crashed", "12.50", 10);
        Shopper first = new Shopper();
        UUID reservedOrder = UUID.randomUUID();
        UUID reservation = UUID.randomUUID();
        reserve(reservation, reservedProduct, 3).then().statusCode(201);
        OrderRows.pending(reservedOrder, first.userId, reservation, reservedProduct, 3);

        // 2. Died after recording the order, before catalog-service heard of it.
        long untouchedProduct = Catalog.product("Crashed Before Reserving", "3.00", 10);
        Shopper second = new Shopper();
        UUID unreservedOrder = UUID.randomUUID();
        UUID lostReservation = UUID.randomUUID();
        OrderRows.pending(unreservedOrder, second.userId, lostReservation, untouchedProduct, 2);

        // 3. Died in the middle of a cancellation.
        long cancelledProduct = Catalog.product("Crashed Mid-Cancel", "4.00", 10);
        Shopper third = new Shopper();
        UUID cancellingOrder = UUID.randomUUID();
        UUID cancellingReservation = UUID.randomUUID();
        reserve(cancellingReservation, cancelledProduct, 5).then().statusCode(201);
        OrderRows.cancelling(cancellingOrder, third.userId, cancellingReservation, cancelledProduct, 5,
                new BigDecimal("4.00"));

        assertEquals("CONFIRMED", first.awaitSettled(reservedOrder.toString(), Duration.ofSeconds(30)));
        String confirmed = first.get(reservedOrder.toString()).then().statusCode(200)
                .body("items[0].name", equalTo("Reserved Then Crashed"))
                .body("currency", equalTo("EUR"))
                .extract().asString();
        assertEquals(true, confirmed.contains("\"total\":37.50"), confirmed);
        assertEquals(7, Catalog.stock(reservedProduct));
        // Confirmed by recovery before the order: it no longer expires.
        assertEquals("CONFIRMED", Catalog.reservationStatus(reservation));

        assertEquals("REJECTED", second.awaitSettled(unreservedOrder.toString(), Duration.ofSeconds(30)));
        assertEquals("RELEASED", Catalog.reservationStatus(lostReservation));
        // The request's reservation, arriving late, can take nothing any more.
        reserve(lostReservation, untouchedProduct, 2).then().statusCode(410);
        assertEquals(10, Catalog.stock(untouchedProduct));

        awaitStatus(third, cancellingOrder, "CANCELLED");
        assertEquals(10, Catalog.stock(cancelledProduct));
        assertEquals("RELEASED", Catalog.reservationStatus(cancellingReservation));
    }

    private static io.restassured.response.Response reserve(UUID reservationId, long productId, int quantity) {
        return given().baseUri(Neighbours.catalogUrl()).auth().oauth2(Catalog.ORDER_SERVICE)
                .contentType(ContentType.JSON)
                .body(Map.of("reservationId", reservationId.toString(), "orderId", UUID.randomUUID().toString(),
                        "items", List.of(Map.of("productId", productId, "quantity", quantity))))
                .when().post("/api/inventory/reservations");
    }

    private static void awaitStatus(Shopper shopper, UUID orderId, String status) throws InterruptedException {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(30);
        while (java.time.Instant.now().isBefore(deadline)) {
            if (status.equals(shopper.get(orderId.toString()).then().statusCode(200).extract().path("status"))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("order " + orderId + " is not " + status);
    }
}
