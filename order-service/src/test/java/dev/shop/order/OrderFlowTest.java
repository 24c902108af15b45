package dev.shop.order;

import dev.shop.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class OrderFlowTest {

    @Test
    void placesAnOrderAtTheCatalogsPricesAndShowsItToItsOwner() {
        long cups = Catalog.product("Tea Cups", "7.25", 20);
        long pot = Catalog.product("Tea Pot", "31.50", 5);
        Shopper shopper = new Shopper();

        String raw = shopper.request()
                .body(Map.of("items", List.of(
                        Map.of("productId", cups, "quantity", 2),
                        Map.of("productId", pot, "quantity", 1),
                        Map.of("productId", cups, "quantity", 1))))
                .when().post("/api/orders")
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/api/orders/[0-9a-f-]{36}"))
                .body("status", equalTo("CONFIRMED"))
                .body("items", hasSize(2))
                .body("items.find { it.productId == " + cups + " }.quantity", equalTo(3))
                .body("items.find { it.productId == " + cups + " }.name", equalTo("Tea Cups"))
                .body("currency", equalTo("EUR"))
                .body("createdAt", notNullValue())
                .extract().asString();
        assertTrue(raw.contains("\"total\":53.25"), raw);
        assertTrue(raw.contains("\"unitPrice\":7.25") && raw.contains("\"lineTotal\":21.75"), raw);
        String id = io.restassured.path.json.JsonPath.from(raw).getString("id");

        assertEquals(17, Catalog.stock(cups));
        assertEquals(4, Catalog.stock(pot));
        shopper.get(id).then().statusCode(200).body("status", equalTo("CONFIRMED"));
    }

    @Test
    void pricesSentByTheClientAreRefused() {
        long product = Catalog.product("Priced", "10.00", 5);
        new Shopper().request()
                .body(Map.of("items", List.of(Map.of("productId", product, "quantity", 1, "unitPrice", 0.01))))
                .when().post("/api/orders")
                .then().statusCode(400).body("errors.field", hasItem("items[0].unitPrice"));
        assertEquals(5, Catalog.stock(product));
    }

    @Test
    void shortStockIs409NamingTheProductAndTakesNothing() {
        long plenty = Catalog.product("Plenty", "1.00", 50);
        long scarce = Catalog.product("Rare Teapot", "99.00", 1);
        Shopper shopper = new Shopper();

        String orderId = shopper.order(Map.of(plenty, 3, scarce, 2))
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:shop:problem:insufficient-stock"))
                .body("detail", containsString("Rare Teapot"))
                .body("shortages[0].productId", equalTo((int) scarce))
                .body("shortages[0].available", equalTo(1))
                .extract().path("orderId");

        assertEquals(50, Catalog.stock(plenty));
        assertEquals(1, Catalog.stock(scarce));
        // Recorded as REJECTED, so that the customer can see what happened.
        shopper.get(orderId).then().statusCode(200).body("status", equalTo("REJECTED"));
    }

    @Test
    void anUnknownProductIs400() {
        new Shopper().order(Map.of(987654321L, 1))
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("items"))
                .body("errors[0].message", containsString("987654321"));
    }

    @Test
    void listsTheCallersOrdersNewestFirstAndNobodyElses() {
        long product = Catalog.product("Listed", "2.00", 10);
        Shopper shopper = new Shopper();
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            placed.add(shopper.order(Map.of(product, 1)).then().statusCode(201).extract().path("id"));
        }
        new Shopper().order(Map.of(product, 1)).then().statusCode(201);

        shopper.request().queryParam("size", 2).when().get("/api/orders")
                .then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].id", equalTo(placed.get(2)))
                .body("items[1].id", equalTo(placed.get(1)))
                .body("page", equalTo(0))
                .body("size", equalTo(2))
                .body("totalItems", equalTo(3))
                .body("totalPages", equalTo(2));
        shopper.request().queryParam("size", 2).queryParam("page", 1).when().get("/api/orders")
                .then().statusCode(200).body("items[0].id", equalTo(placed.get(0)));
        shopper.request().queryParam("size", 0).when().get("/api/orders")
                .then().statusCode(400).body("errors[0].field", equalTo("size"));
    }

    @Test
    void anotherUsersOrderIs404ToGetAndToCancel() {
        long product = Catalog.product("Private", "3.00", 5);
        String id = new Shopper().order(Map.of(product, 1)).then().statusCode(201).extract().path("id");
        Shopper stranger = new Shopper();
        stranger.get(id).then().statusCode(404).contentType("application/problem+json");
        stranger.cancel(id).then().statusCode(404).contentType("application/problem+json");
        stranger.get(UUID.randomUUID().toString()).then().statusCode(404);
        assertEquals(4, Catalog.stock(product));
    }

    @Test
    void cancellingPutsTheStockBackExactlyOnce() {
        long product = Catalog.product("Returned", "5.00", 10);
        Shopper shopper = new Shopper();
        String id = shopper.order(Map.of(product, 4)).then().statusCode(201).extract().path("id");
        assertEquals(6, Catalog.stock(product));

        shopper.cancel(id).then().statusCode(200).body("status", equalTo("CANCELLED"));
        assertEquals(10, Catalog.stock(product));
        shopper.cancel(id).then().statusCode(200).body("status", equalTo("CANCELLED"));
        assertEquals(10, Catalog.stock(product));
        shopper.get(id).then().statusCode(200).body("status", equalTo("CANCELLED"));
    }

    @Test
    void onlyConfirmedOrdersCanBeCancelled() {
        long scarce = Catalog.product("Gone", "5.00", 0);
        Shopper shopper = new Shopper();
        String rejected = shopper.order(Map.of(scarce, 1)).then().statusCode(409).extract().path("orderId");
        shopper.cancel(rejected).then().statusCode(409).body("type", equalTo("urn:shop:problem:order-not-cancellable"));
    }

    @Test
    void everyEndpointNeedsAToken() {
        given().contentType(ContentType.JSON).body(Shopper.body(Map.of(1L, 1)))
                .when().post("/api/orders").then().statusCode(401).contentType("application/problem+json");
        given().when().get("/api/orders").then().statusCode(401);
        given().when().get("/api/orders/" + UUID.randomUUID()).then().statusCode(401);
        given().when().post("/api/orders/" + UUID.randomUUID() + "/cancel").then().statusCode(401);
        given().auth().oauth2(TestTokens.expired("x")).when().get("/api/orders")
                .then().statusCode(401);
    }

    @Test
    void aServiceTokenOrATokenForAnotherPurposeIsNoCustomersToken() {
        given().auth().oauth2(TestTokens.service("order-service")).when().get("/api/orders")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.withAudience("x", java.util.Set.of("urn:shop:services")))
                .when().get("/api/orders").then().statusCode(401);
    }

    @Test
    void fiftyShortLinesAreOne409NamingEveryProductAndSoIsItsRetry() {
        Map<Long, Integer> items = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String name = "Sold Out Item Number " + i + " With A Long Name To Make The Detail Long " + "x".repeat(60);
            names.add(name);
            items.put(Catalog.product(name, "1.00", 0), 1);
        }
        Shopper shopper = new Shopper();
        String key = UUID.randomUUID().toString();
        for (int attempt = 0; attempt < 2; attempt++) {
            String detail = shopper.order(items, key).then().statusCode(409)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:shop:problem:insufficient-stock"))
                    .body("shortages", hasSize(50))
                    .extract().path("detail");
            for (String name : names) {
                assertTrue(detail.contains(name), "the detail names " + name);
            }
        }
    }

    @Test
    void invalidOrdersAre400NamingTheField() {
        Shopper shopper = new Shopper();
        invalid(shopper, Map.of("items", List.of()), "items");
        invalid(shopper, Map.of(), "items");
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (long i = 1; i <= 51; i++) {
            tooMany.add(Map.of("productId", i, "quantity", 1));
        }
        invalid(shopper, Map.of("items", tooMany), "items");
        invalid(shopper, Map.of("items", List.of(Map.of("productId", 1, "quantity", 0))), "items[0].quantity");
        invalid(shopper, Map.of("items", List.of(Map.of("productId", 1, "quantity", 101))), "items[0].quantity");
        invalid(shopper, Map.of("items", List.of(Map.of("quantity", 1))), "items[0].productId");
        invalid(shopper, Map.of("items", List.of(Map.of("productId", "one", "quantity", 1))), "items[0].productId");
        invalid(shopper, Map.of("items", List.of(Map.of("productId", 1, "quantity", 2.5))), "items[0].quantity");
        invalid(shopper, Map.of("items", List.of(
                Map.of("productId", 1, "quantity", 60), Map.of("productId", 1, "quantity", 60))), "items");
        Map<String, Object> withKey = new LinkedHashMap<>(Shopper.body(Map.of(1L, 1)));
        shopper.request().header("Idempotency-Key", "has spaces in it").body(withKey)
                .when().post("/api/orders")
                .then().statusCode(400).body("errors[0].field", equalTo("Idempotency-Key"));
        shopper.request().body("{\"items\": [").when().post("/api/orders")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].message", containsString("not valid JSON"));
    }

    private static void invalid(Shopper shopper, Map<String, Object> body, String field) {
        shopper.request().body(body).when().post("/api/orders")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field));
    }
}
