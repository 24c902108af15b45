package dev.shop.catalog;

import dev.shop.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * Calls the internal reservation API as order-service does: with its service token, under an id it
 * chose, for an order of its own.
 */
final class Reservations {

    /** order-service's service token: the one identity the inventory API accepts. */
    static final String ORDER_SERVICE = TestTokens.service("order-service");

    private Reservations() {
    }

    static Response reserve(UUID id, long productId, int quantity) {
        return reserve(id, List.of(Map.of("productId", productId, "quantity", quantity)));
    }

    static Response reserve(UUID id, List<Map<String, Object>> items) {
        return reserveAs(ORDER_SERVICE, id, items);
    }

    static Response reserveAs(String token, UUID id, List<Map<String, Object>> items) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("reservationId", id.toString(), "orderId", UUID.randomUUID().toString(), "items", items))
                .when().post("/api/inventory/reservations");
    }

    /** A reservation and its confirmation in one call ({@code ?confirm=true}), as order-service makes it. */
    static Response take(UUID id, long productId, int quantity) {
        return given().auth().oauth2(ORDER_SERVICE).contentType(ContentType.JSON).queryParam("confirm", true)
                .body(Map.of("reservationId", id.toString(), "orderId", UUID.randomUUID().toString(),
                        "items", List.of(Map.of("productId", productId, "quantity", quantity))))
                .when().post("/api/inventory/reservations");
    }

    static Response get(UUID id) {
        return given().auth().oauth2(ORDER_SERVICE).when().get("/api/inventory/reservations/" + id);
    }

    static Response confirm(UUID id) {
        return given().auth().oauth2(ORDER_SERVICE).when().post("/api/inventory/reservations/" + id + "/confirmation");
    }

    static Response abandon(UUID id) {
        return given().auth().oauth2(ORDER_SERVICE).when().post("/api/inventory/reservations/" + id + "/abandonment");
    }

    static Response release(UUID id) {
        return given().auth().oauth2(ORDER_SERVICE).when().delete("/api/inventory/reservations/" + id);
    }
}
