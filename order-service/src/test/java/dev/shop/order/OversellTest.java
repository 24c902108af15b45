package dev.shop.order;

import dev.shop.database.ServiceSchema;
import dev.shop.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hundred customers race for ten units. Each gets 201, 409, or — if the burst makes a call to
 * catalog-service time out — 503 with the order left to recovery. Once everything is settled,
 * exactly ten orders are confirmed and the stock is zero: nothing is oversold, nothing is lost.
 */
@QuarkusTest
class OversellTest {

    @Test
    void aHundredConcurrentOrdersForTenUnitsConfirmExactlyTen() throws Exception {
        long product = Catalog.product("Last Ten", "9.99", 10);
        List<Shopper> shoppers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            shoppers.add(new Shopper());
        }
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<Response> responses = IdempotencyTest.inParallel(100, () -> {
            Shopper shopper = shoppers.get(next.getAndIncrement());
            return shopper.order(Map.of(product, 1)).then().extract().response();
        });

        List<Integer> statuses = responses.stream().map(Response::statusCode).toList();
        assertTrue(Set.of(201, 409, 503).containsAll(statuses), statuses.toString());
        assertTrue(statuses.stream().filter(s -> s == 201).count() <= 10, statuses.toString());
        for (int i = 0; i < responses.size(); i++) {
            if (responses.get(i).statusCode() == 503) {
                String orderId = responses.get(i).path("orderId");
                for (Shopper shopper : shoppers) {
                    if (shopper.get(orderId).statusCode() == 200) {
                        shopper.awaitSettled(orderId, Duration.ofSeconds(60));
                    }
                }
            }
        }

        assertEquals(10, confirmedOrdersOf(product), statuses.toString());
        assertEquals(0, pendingOrdersOf(product));
        assertEquals(0, Catalog.stock(product));
    }

    private static int confirmedOrdersOf(long product) throws Exception {
        return ordersOf(product, "CONFIRMED");
    }

    private static int pendingOrdersOf(long product) throws Exception {
        return ordersOf(product, "PENDING");
    }

    private static int ordersOf(long product, String status) throws Exception {
        try (Connection orders = TestDatabase.get().connectAs(ServiceSchema.ORDERS);
             PreparedStatement s = orders.prepareStatement("""
                     SELECT count(*) FROM customer_order o JOIN order_line l ON l.order_id = o.id
                     WHERE o.status = ? AND l.product_id = ?""")) {
            s.setString(1, status);
            s.setLong(2, product);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
