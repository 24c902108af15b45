package dev.shop.order;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class IdempotencyTest {

    @Test
    void theSameKeyReturnsTheSameOrderAndTakesStockOnce() {
        long product = Catalog.product("Once", "4.00", 10);
        Shopper shopper = new Shopper();
        String key = UUID.randomUUID().toString();

        String first = shopper.order(Map.of(product, 2), key).then().statusCode(201).extract().path("id");
        String second = shopper.order(Map.of(product, 2), key).then().statusCode(200).extract().path("id");

        assertEquals(first, second);
        assertEquals(8, Catalog.stock(product));
        shopper.request().when().get("/api/orders").then().body("totalItems", equalTo(1));
    }

    @Test
    void anotherUsersSameKeyIsAnotherOrder() {
        long product = Catalog.product("Shared Key", "4.00", 10);
        String key = "checkout-1";
        String mine = new Shopper().order(Map.of(product, 1), key).then().statusCode(201).extract().path("id");
        String theirs = new Shopper().order(Map.of(product, 1), key).then().statusCode(201).extract().path("id");
        assertTrue(!mine.equals(theirs));
        assertEquals(8, Catalog.stock(product));
    }

    @Test
    void aKeyReusedForOtherItemsIsRefused() {
        long product = Catalog.product("Reused", "4.00", 10);
        Shopper shopper = new Shopper();
        String key = UUID.randomUUID().toString();
        shopper.order(Map.of(product, 1), key).then().statusCode(201);
        shopper.order(Map.of(product, 2), key)
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:shop:problem:idempotency-key-reused"));
        assertEquals(9, Catalog.stock(product));
    }

    @Test
    void aRejectedOrderIsRejectedAgainUnderItsKey() {
        long product = Catalog.product("Short Again", "4.00", 1);
        Shopper shopper = new Shopper();
        String key = UUID.randomUUID().toString();
        String id = shopper.order(Map.of(product, 2), key).then().statusCode(409).extract().path("orderId");
        shopper.order(Map.of(product, 2), key).then().statusCode(409).body("orderId", equalTo(id));
    }

    @Test
    void tenConcurrentRequestsWithOneKeyMakeOneOrder() throws Exception {
        long product = Catalog.product("Double Click", "4.00", 10);
        Shopper shopper = new Shopper();
        String key = UUID.randomUUID().toString();

        List<io.restassured.response.Response> responses = inParallel(10, () -> shopper.order(Map.of(product, 3), key));

        Set<String> ids = responses.stream().map(r -> r.<String>path("id")).collect(Collectors.toSet());
        List<Integer> statuses = responses.stream().map(io.restassured.response.Response::statusCode).toList();
        assertEquals(1, ids.size(), "one order: " + ids + " " + statuses);
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(9, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(7, Catalog.stock(product));
        shopper.request().when().get("/api/orders").then().body("totalItems", equalTo(1));
    }

    static <T> List<T> inParallel(int count, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new java.util.ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
