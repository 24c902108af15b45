package dev.shop.order.domain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The saga's statements, rehearsed for the warm-up: recording an order under an idempotency key,
 * confirming it, and recovery's queries, in one transaction that is rolled back, so every step runs
 * and nothing stays.
 */
@ApplicationScoped
public class PlacementRehearsal {

    private final OrderRepository repository;

    PlacementRehearsal(OrderRepository repository) {
        this.repository = repository;
    }

    public void run() {
        SortedMap<Long, Integer> oneUnit = new TreeMap<>(Map.of(1L, 1));
        QuarkusTransaction.begin();
        try {
            repository.lockIdempotencyKey("warm-up", "warm-up");
            repository.findByIdempotencyKey("warm-up", "warm-up");
            Order order = Order.pending("warm-up", "warm-up", Orders.fingerprint(oneUnit), oneUnit);
            repository.persist(order);
            repository.flush();
            repository.touchPending(order.id());
            repository.recordConfirmation(order);
            Order locked = repository.lock(order.id());
            locked.confirm(List.of(new OrderLine(1L, 1, "warm-up", BigDecimal.ONE)), BigDecimal.ONE, "EUR");
            repository.flush();
            repository.stalePending(Instant.now(), 1);
            repository.stalledCancellations(Instant.now(), 1);
        } finally {
            QuarkusTransaction.rollback();
        }
    }
}
