package dev.shop.catalog.domain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The inventory's writes, rehearsed for the warm-up: a reservation of one unit, its confirmation and
 * release, a reservation taken for good and released, an abandonment and the expiry sweep's query,
 * all in one transaction that is rolled back, so every step runs and nothing stays.
 */
@ApplicationScoped
public class ReservationRehearsal {

    private final Inventory inventory;
    private final ReservationRepository reservations;

    ReservationRehearsal(Inventory inventory, ReservationRepository reservations) {
        this.inventory = inventory;
        this.reservations = reservations;
    }

    /** Rehearses on one unit of {@code productId}; returns the (never stored) reservation. */
    public Reservation run(long productId) {
        QuarkusTransaction.begin();
        try {
            Reservation reservation = inventory.reserve(UUID.randomUUID(), UUID.randomUUID(), oneUnitOf(productId));
            reservations.flush();
            inventory.confirm(reservation.id());
            inventory.release(reservation.id());
            inventory.release(inventory.take(UUID.randomUUID(), UUID.randomUUID(), oneUnitOf(productId)).id());
            inventory.abandon(UUID.randomUUID());
            reservations.expired(Instant.now(), 1);
            reservations.flush();
            return reservation;
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    private static TreeMap<Long, Integer> oneUnitOf(long productId) {
        return new TreeMap<>(Map.of(productId, 1));
    }
}
