package dev.shop.order;

import dev.shop.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** One customer, with their own token, talking to order-service. */
final class Shopper {

    final String userId = UUID.randomUUID().toString();
    final String token = TestTokens.customer(userId);

    RequestSpecification request() {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    Response order(Map<Long, Integer> items) {
        return order(items, null);
    }

    Response order(Map<Long, Integer> items, String idempotencyKey) {
        RequestSpecification request = request().body(body(items));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.when().post("/api/orders");
    }

    static Map<String, Object> body(Map<Long, Integer> items) {
        List<Map<String, Object>> lines = items.entrySet().stream()
                .map(e -> Map.<String, Object>of("productId", e.getKey(), "quantity", e.getValue())).toList();
        return Map.of("items", lines);
    }

    Response get(String orderId) {
        return request().when().get("/api/orders/" + orderId);
    }

    Response cancel(String orderId) {
        return request().when().post("/api/orders/" + orderId + "/cancel");
    }

    /** Waits until the order has left PENDING (recovery runs every second in tests). */
    String awaitSettled(String orderId, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            String status = get(orderId).then().statusCode(200).extract().path("status");
            if (!"PENDING".equals(status)) {
                return status;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("order " + orderId + " still PENDING after " + timeout);
    }
}
