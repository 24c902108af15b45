package dev.shop.catalog;

import dev.shop.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Calls the internal reservation API as order-service does: with a token, under an id it chose. */
final class Reservations {

    private Reservations() {
    }

    static Response reserve(UUID id, long productId, int quantity) {
        return reserve(id, List.of(Map.of("productId", productId, "quantity", quantity)));
    }

    static Response reserve(UUID id, List<Map<String, Object>> items) {
        return given().auth().oauth2(TestTokens.customer()).contentType(ContentType.JSON)
                .body(Map.of("reservationId", id.toString(), "items", items))
                .when().post("/api/inventory/reservations");
    }

    static Response release(UUID id) {
        return given().auth().oauth2(TestTokens.customer())
                .when().delete("/api/inventory/reservations/" + id);
    }
}
