package dev.shop.order;

import dev.shop.testing.TestTokens;
import io.restassured.http.ContentType;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** catalog-service, reached directly, to set up products and read stock. */
final class Catalog {

    private Catalog() {
    }

    static long product(String name, String price, int stock) {
        Map<String, Object> body = Map.of(
                "sku", "O-" + UUID.randomUUID().toString().substring(0, 13).toUpperCase(),
                "name", name, "description", "Made by an order-service test.",
                "price", new java.math.BigDecimal(price), "category", "kitchen", "stock", stock);
        return given().baseUri(Neighbours.catalogUrl()).auth().oauth2(TestTokens.admin())
                .contentType(ContentType.JSON).body(body)
                .when().post("/api/products")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static int stock(long productId) {
        return given().baseUri(Neighbours.catalogUrl()).when().get("/api/products/" + productId)
                .then().statusCode(200).extract().jsonPath().getInt("stock");
    }

    /** order-service's own identity, the one the inventory API accepts. */
    static final String ORDER_SERVICE = TestTokens.service("order-service");

    static String reservationStatus(UUID reservationId) {
        return given().baseUri(Neighbours.catalogUrl()).auth().oauth2(ORDER_SERVICE)
                .when().get("/api/inventory/reservations/" + reservationId)
                .then().statusCode(200).extract().path("status");
    }
}
