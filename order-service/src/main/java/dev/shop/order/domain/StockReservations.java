package dev.shop.order.domain;

import java.util.SortedMap;
import java.util.UUID;

/**
 * The catalog's stock, as the order saga needs it. Every call names the reservation id the order
 * chose before the first call, so each is safe to repeat: the catalog answers a repeated call with
 * the first outcome. Each throws {@link CatalogUnavailable} when the answer is not known.
 */
public interface StockReservations {

    /**
     * Takes the stock for these products for this order, for good (Confirmed); or tells why not.
     * A catalog that only holds stock (Held) leaves the confirmation to {@link #confirm}.
     */
    ReservationOutcome take(UUID reservationId, UUID orderId, SortedMap<Long, Integer> quantities);

    /** The order is placed: the held stock is the order's for good (Confirmed), or was released. */
    ReservationOutcome confirm(UUID reservationId);

    /**
     * The order gives up: held stock goes back, and an id never reserved can hold nothing later.
     * Answers Released, or Confirmed if a confirmation won the race.
     */
    ReservationOutcome abandon(UUID reservationId);

    /** What became of a reservation, without changing it. */
    ReservationOutcome lookUp(UUID reservationId);

    /** Puts the stock of a (confirmed) reservation back: the order is cancelled. Once, however often. */
    void release(UUID reservationId);
}
