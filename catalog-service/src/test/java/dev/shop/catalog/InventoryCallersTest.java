package dev.shop.catalog;

import dev.shop.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The inventory API accepts order-service's service identity and nobody else's: a customer, an
 * administrator, another service, a token issued for the public API: 403, and no stock moves.
 */
@QuarkusTest
class InventoryCallersTest {

    private static final Map<String, String> WRONG_CALLERS = Map.of(
            "a customer", TestTokens.customer(),
            "an administrator", TestTokens.admin(),
            "another service", TestTokens.service("billing-service"));

    @Test
    void everyOperationRefusesEveryoneButOrderService() {
        long product = Products.create("Guarded", "1.00", 5);
        UUID held = UUID.randomUUID();
        Reservations.reserve(held, product, 1).then().statusCode(201);
        List<Function<RequestSpecification, io.restassured.response.Response>> operations = List.of(
                r -> r.contentType(ContentType.JSON)
                        .body(Map.of("reservationId", UUID.randomUUID().toString(), "orderId", UUID.randomUUID().toString(),
                                "items", List.of(Map.of("productId", product, "quantity", 4))))
                        .post("/api/inventory/reservations"),
                r -> r.get("/api/inventory/reservations/" + held),
                r -> r.post("/api/inventory/reservations/" + held + "/confirmation"),
                r -> r.post("/api/inventory/reservations/" + held + "/abandonment"),
                r -> r.delete("/api/inventory/reservations/" + held));
        WRONG_CALLERS.forEach((who, token) -> {
            for (var operation : operations) {
                operation.apply(given().auth().oauth2(token)).then()
                        .statusCode(403).contentType("application/problem+json");
            }
        });
        assertEquals(4, Products.stock(product), "nothing moved");
        Reservations.get(held).then().statusCode(200).body("status", equalTo("HELD"));
    }

    @Test
    void aServiceTokenIsNoAdministratorAndAnApiTokenNoServiceToken() {
        // order-service's identity does not reach the public catalog's changes...
        given().auth().oauth2(Reservations.ORDER_SERVICE).when().delete("/api/products/1").then().statusCode(403);
        // ...and a token for no audience the catalog serves is not a token here at all.
        given().auth().oauth2(TestTokens.withAudience("someone", Set.of("urn:shop:somewhere-else")))
                .when().get("/api/inventory/reservations/" + UUID.randomUUID()).then().statusCode(401);
        given().auth().oauth2(TestTokens.withAudience("someone", Set.of())).when().delete("/api/products/1")
                .then().statusCode(401);
    }
}
