package dev.shop.catalog;

import dev.shop.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class ReservationTest {

    @Test
    void holdsStockAndPricesEachLineFromTheCatalog() {
        long cups = Products.create("Cups", "4.25", 10);
        long pot = Products.create("Pot", "30.00", 3);
        UUID id = UUID.randomUUID();

        Reservations.reserve(id, List.of(
                        Map.of("productId", cups, "quantity", 2),
                        Map.of("productId", pot, "quantity", 1),
                        Map.of("productId", cups, "quantity", 1)))
                .then().statusCode(201)
                .header("Location", containsString("/api/inventory/reservations/" + id))
                .body("reservationId", equalTo(id.toString()))
                .body("orderId", matchesPattern("[0-9a-f-]{36}"))
                .body("status", equalTo("HELD"))
                .body("expiresAt", notNullValue())
                .body("items", hasSize(2))
                .body("items.find { it.productId == " + cups + " }.quantity", equalTo(3))
                .body("items.find { it.productId == " + cups + " }.name", equalTo("Cups"))
                .body("currency", equalTo("EUR"));
        String raw = Reservations.get(id).asString();
        assertEquals(true, raw.contains("\"total\":42.75"), raw);
        assertEquals(7, Products.stock(cups));
        assertEquals(2, Products.stock(pot));
    }

    @Test
    void aRetryReturnsTheFirstOutcomeAndTakesNothingTwice() {
        long product = Products.create("Retry", "1.00", 5);
        UUID id = UUID.randomUUID();
        Reservations.reserve(id, product, 2).then().statusCode(201);
        Reservations.reserve(id, product, 2).then().statusCode(201).body("status", equalTo("HELD"));
        assertEquals(3, Products.stock(product));
    }

    @Test
    void allOrNothingWhenOneLineIsShort() {
        long plenty = Products.create("Plenty", "2.00", 50);
        long scarce = Products.create("Scarce Thing", "9.00", 1);
        UUID id = UUID.randomUUID();
        Reservations.reserve(id, List.of(
                        Map.of("productId", plenty, "quantity", 5),
                        Map.of("productId", scarce, "quantity", 2)))
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:shop:problem:insufficient-stock"))
                .body("detail", containsString("Scarce Thing"))
                .body("shortages", hasSize(1))
                .body("shortages[0].productId", equalTo((int) scarce))
                .body("shortages[0].requested", equalTo(2))
                .body("shortages[0].available", equalTo(1));
        assertEquals(50, Products.stock(plenty));
        assertEquals(1, Products.stock(scarce));

        // The same id asked again gets the same answer, even though the stock would now do.
        Reservations.reserve(id, List.of(Map.of("productId", plenty, "quantity", 1)))
                .then().statusCode(409).body("shortages[0].productId", equalTo((int) scarce));
        assertEquals(50, Products.stock(plenty));
    }

    @Test
    void releasingPutsTheStockBackExactlyOnce() {
        long product = Products.create("Release", "1.00", 4);
        UUID id = UUID.randomUUID();
        Reservations.reserve(id, product, 3).then().statusCode(201);
        assertEquals(1, Products.stock(product));

        Reservations.release(id).then().statusCode(204);
        Reservations.release(id).then().statusCode(204);
        assertEquals(4, Products.stock(product));
        Reservations.get(id).then().statusCode(200).body("status", equalTo("RELEASED"));

        Reservations.reserve(id, product, 3).then().statusCode(410)
                .contentType("application/problem+json");
        assertEquals(4, Products.stock(product));
    }

    @Test
    void aReleaseThatOvertakesItsReservationWinsAndNothingStaysHeld() {
        long product = Products.create("Overtaken", "1.00", 2);
        UUID id = UUID.randomUUID();
        Reservations.release(id).then().statusCode(204);
        Reservations.reserve(id, product, 1).then().statusCode(410);
        assertEquals(2, Products.stock(product));
    }

    @Test
    void unknownReservationsAre404AndUnknownProductsAre400() {
        Reservations.get(UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        Reservations.reserve(UUID.randomUUID(), 987654321L, 1)
                .then().statusCode(400)
                .body("errors[0].field", equalTo("items"))
                .body("errors[0].message", containsString("987654321"));
    }

    @Test
    void theInternalApiNeedsAToken() {
        given().contentType(ContentType.JSON)
                .body(Map.of("reservationId", UUID.randomUUID().toString(),
                        "items", List.of(Map.of("productId", 1, "quantity", 1))))
                .when().post("/api/inventory/reservations")
                .then().statusCode(401).contentType("application/problem+json");
        given().when().delete("/api/inventory/reservations/" + UUID.randomUUID()).then().statusCode(401);
        given().when().get("/api/inventory/reservations/" + UUID.randomUUID()).then().statusCode(401);
    }

    @Test
    void invalidReservationsAreNamed() {
        String order = UUID.randomUUID().toString();
        invalid(Map.of("orderId", order, "items", List.of(Map.of("productId", 1, "quantity", 1))), "reservationId");
        invalid(Map.of("reservationId", "not-a-uuid", "orderId", order,
                "items", List.of(Map.of("productId", 1, "quantity", 1))), "reservationId");
        invalid(Map.of("reservationId", UUID.randomUUID().toString(),
                "items", List.of(Map.of("productId", 1, "quantity", 1))), "orderId");
        invalid(Map.of("reservationId", UUID.randomUUID().toString(), "orderId", order, "items", List.of()), "items");
        invalid(Map.of("reservationId", UUID.randomUUID().toString(), "orderId", order,
                "items", List.of(Map.of("productId", 1, "quantity", 0))), "items[0].quantity");
        invalid(Map.of("reservationId", UUID.randomUUID().toString(), "orderId", order,
                "items", List.of(Map.of("quantity", 1))), "items[0].productId");
    }

    private static void invalid(Map<String, Object> body, String field) {
        given().auth().oauth2(Reservations.ORDER_SERVICE).contentType(ContentType.JSON).body(body)
                .when().post("/api/inventory/reservations")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field));
    }
}
