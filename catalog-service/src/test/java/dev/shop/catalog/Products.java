package dev.shop.catalog;

import dev.shop.testing.TestDatabase;
import dev.shop.testing.TestTokens;
import io.restassured.http.ContentType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static io.restassured.RestAssured.given;

/** Creates products through the admin API, each with its own SKU, so tests never share stock. */
final class Products {

    private Products() {
    }

    static Map<String, Object> body(String name, String price, int stock) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sku", "T-" + UUID.randomUUID().toString().substring(0, 13).toUpperCase());
        body.put("name", name);
        body.put("description", "A product made by a test.");
        body.put("price", new java.math.BigDecimal(price));
        body.put("category", "kitchen");
        body.put("stock", stock);
        return body;
    }

    static long create(String name, String price, int stock) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(body(name, price, stock))
                .when().post("/api/products")
                .then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    static int stock(long productId) {
        return given().when().get("/api/products/" + productId)
                .then().statusCode(200)
                .extract().jsonPath().getInt("stock");
    }

    /** As another replica's write looks to this one: straight to the database. */
    static void setStockBehindTheServicesBack(long product, int stock) throws SQLException {
        try (Connection connection = TestDatabase.get().connectAsAdmin();
             PreparedStatement update = connection.prepareStatement("update catalog.product set stock = ? where id = ?")) {
            update.setInt(1, stock);
            update.setLong(2, product);
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("no product " + product + " to change");
            }
        }
    }

    /** Asks again every 100 ms until {@code condition} holds, failing with {@code failure} after {@code within}. */
    static void waitUntil(BooleanSupplier condition, Duration within, String failure) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure);
            }
            Thread.sleep(100);
        }
    }
}
