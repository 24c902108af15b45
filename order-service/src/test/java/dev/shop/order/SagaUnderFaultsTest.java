package dev.shop.order;

import dev.shop.database.ServiceSchema;
import dev.shop.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many shoppers order, retry with the same Idempotency-Key and cancel, while calls to the catalog
 * get lost on the way, catalog-service restarts, and recovery settles what is left. Afterwards,
 * read straight from both services' schemas: every order is CONFIRMED, REJECTED or CANCELLED, each
 * confirmed order's lines are exactly its confirmed reservation's, and the stock taken from each
 * product is exactly the confirmed orders' quantities of it.
 */
@QuarkusTest
class SagaUnderFaultsTest extends BreakersClosedAfterEach {

    private static final int SHOPPERS = 4;
    private static final Duration LOAD = Duration.ofSeconds(30);
    private static final int STOCK = 40;


    @Test
    void theStockTakenIsTheConfirmedOrdersQuantitiesLineByLine() throws Exception {
        long seed = System.nanoTime();
        System.out.println("SagaUnderFaultsTest seed " + seed);
        List<Long> products = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            products.add(Catalog.product("Contested " + i, "1.50", STOCK));
        }
        List<Shopper> shoppers = new ArrayList<>();
        for (int i = 0; i < SHOPPERS; i++) {
            shoppers.add(new Shopper());
        }

        CatalogProxy network = Neighbours.network();
        // One call in eight to the inventory is lost on the way: reservations, confirmations, releases.
        try (var flaky = network.lose(call -> call.path().startsWith("/api/inventory/")
                && ThreadLocalRandom.current().nextInt(8) == 0)) {
            ExecutorService pool = Executors.newFixedThreadPool(SHOPPERS);
            Instant end = Instant.now().plus(LOAD);
            List<Future<Integer>> work = new ArrayList<>();
            for (int i = 0; i < SHOPPERS; i++) {
                Shopper shopper = shoppers.get(i);
                Random random = new Random(seed + i);
                work.add(pool.submit(() -> shop(shopper, products, random, end)));
            }
            // catalog-service crashes and comes back in the middle of it.
            Thread.sleep(LOAD.toMillis() / 3);
            Neighbours.stopCatalog();
            Thread.sleep(2_000);
            Neighbours.startCatalog();
            int placed = 0;
            for (Future<Integer> f : work) {
                placed += f.get();
            }
            pool.shutdown();
            assertTrue(placed > 20, "only " + placed + " orders were placed");
        }

        List<String> users = shoppers.stream().map(s -> s.userId).toList();
        awaitEverythingSettled(users, Duration.ofSeconds(120));
        checkBothSchemasAgree(users, products);
    }

    /** Orders, retries and cancellations until {@code end}; returns how many orders were sent. */
    private static int shop(Shopper shopper, List<Long> products, Random random, Instant end) {
        int sent = 0;
        int placed = 0;
        int cancelled = 0;
        List<String> confirmed = new ArrayList<>();
        while (Instant.now().isBefore(end)) {
            Map<Long, Integer> items = new TreeMap<>();
            List<Long> shuffled = new ArrayList<>(products);
            Collections.shuffle(shuffled, random);
            for (long product : shuffled.subList(0, 1 + random.nextInt(3))) {
                items.put(product, 1 + random.nextInt(3));
            }
            String key = UUID.randomUUID().toString();
            Response answer = shopper.order(items, key);
            sent++;
            // A 503 (or, sometimes, any answer) is retried with the same key, as a client would.
            if (answer.statusCode() == 503 || random.nextInt(4) == 0) {
                answer = shopper.order(items, key);
            }
            if (answer.statusCode() == 200 || answer.statusCode() == 201) {
                confirmed.add(answer.path("id"));
                placed++;
            }
            // Some orders are cancelled (a third at most, so that confirmed ones remain to check).
            if (!confirmed.isEmpty() && 3 * (cancelled + 1) <= placed && random.nextInt(3) == 0) {
                String order = confirmed.remove(random.nextInt(confirmed.size()));
                int status = shopper.cancel(order).statusCode();
                assertTrue(status == 200 || status == 503, "cancel answered " + status);
                cancelled++;
            }
            int status = answer.statusCode();
            assertTrue(List.of(200, 201, 409, 503).contains(status), "order answered " + status + ": " + answer.asString());
        }
        return sent;
    }

    private static void awaitEverythingSettled(List<String> users, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            int unsettled;
            try (Connection c = TestDatabase.get().connectAs(ServiceSchema.ORDERS);
                 PreparedStatement s = c.prepareStatement("""
                         SELECT count(*) FROM customer_order WHERE user_id = ANY (?)
                         AND (status = 'PENDING' OR (status = 'CONFIRMED' AND cancel_requested_at IS NOT NULL))""")) {
                s.setArray(1, c.createArrayOf("varchar", users.toArray()));
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    unsettled = rs.getInt(1);
                }
            }
            if (unsettled == 0) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(unsettled + " orders still unsettled after " + timeout);
            }
            Thread.sleep(500);
        }
    }

    private record Line(String status, long productId, int quantity) {
    }

    private static void checkBothSchemasAgree(List<String> users, List<Long> products) throws SQLException {
        // order-service's side: each order's status and lines, by reservation id.
        Map<UUID, List<Line>> orders = new HashMap<>();
        try (Connection c = TestDatabase.get().connectAs(ServiceSchema.ORDERS);
             PreparedStatement s = c.prepareStatement("""
                     SELECT o.reservation_id, o.status, l.product_id, l.quantity
                     FROM customer_order o JOIN order_line l ON l.order_id = o.id
                     WHERE o.user_id = ANY (?) ORDER BY o.reservation_id, l.product_id""")) {
            s.setArray(1, c.createArrayOf("varchar", users.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    orders.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new Line(rs.getString(2), rs.getLong(3), rs.getInt(4)));
                }
            }
        }
        // catalog-service's side: each of those reservations, and the products' stock.
        Map<UUID, List<Line>> reservations = new HashMap<>();
        Map<Long, Integer> stock = new HashMap<>();
        try (Connection c = TestDatabase.get().connectAs(ServiceSchema.CATALOG)) {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT r.id, r.status, l.product_id, l.quantity
                    FROM reservation r JOIN reservation_line l ON l.reservation_id = r.id
                    WHERE r.id = ANY (?) ORDER BY r.id, l.product_id""")) {
                s.setArray(1, c.createArrayOf("uuid", orders.keySet().toArray()));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        reservations.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                                .add(new Line(rs.getString(2), rs.getLong(3), rs.getInt(4)));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT id, stock FROM product WHERE id = ANY (?)")) {
                s.setArray(1, c.createArrayOf("bigint", products.toArray()));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        stock.put(rs.getLong(1), rs.getInt(2));
                    }
                }
            }
        }

        Map<Long, Integer> confirmedQuantities = new HashMap<>();
        int confirmedOrders = 0;
        for (Map.Entry<UUID, List<Line>> order : orders.entrySet()) {
            String status = order.getValue().getFirst().status();
            assertTrue(List.of("CONFIRMED", "REJECTED", "CANCELLED").contains(status), order + " left " + status);
            List<Line> reserved = reservations.getOrDefault(order.getKey(), List.of());
            if (status.equals("CONFIRMED")) {
                confirmedOrders++;
                assertEquals(order.getValue().stream().map(l -> l.productId() + "x" + l.quantity()).toList(),
                        reserved.stream().map(l -> l.productId() + "x" + l.quantity()).toList(),
                        "order lines vs reservation lines of " + order.getKey());
                assertTrue(reserved.stream().allMatch(l -> l.status().equals("CONFIRMED")),
                        "a confirmed order's reservation is confirmed: " + reserved);
                order.getValue().forEach(l -> confirmedQuantities.merge(l.productId(), l.quantity(), Integer::sum));
            } else {
                assertTrue(reserved.stream().noneMatch(l -> l.status().equals("HELD") || l.status().equals("CONFIRMED")),
                        "a " + status + " order holds no stock: " + reserved);
            }
        }
        System.out.println("SagaUnderFaultsTest: " + orders.size() + " orders, " + confirmedOrders + " confirmed");
        assertTrue(confirmedOrders > 0, "no order was confirmed at all");
        for (long product : products) {
            assertEquals(confirmedQuantities.getOrDefault(product, 0), STOCK - stock.get(product),
                    "stock taken from product " + product);
        }
    }
}
