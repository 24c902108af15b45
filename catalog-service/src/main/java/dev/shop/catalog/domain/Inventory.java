package dev.shop.catalog.domain;

import dev.shop.common.problem.Problem;
import dev.shop.common.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Stock reservations for orders. Each call is one local transaction and is idempotent under its
 * reservation id, which is what lets order-service retry and compensate without a distributed
 * transaction.
 */
@ApplicationScoped
public class Inventory {

    private final ReservationRepository reservations;
    private final ProductRepository products;
    private final String currency;

    Inventory(ReservationRepository reservations, ProductRepository products,
              @ConfigProperty(name = "shop.currency") String currency) {
        this.reservations = reservations;
        this.products = products;
        this.currency = currency;
    }

    /**
     * Takes the stock for every line, or none if any line is short. Asked again under the same id,
     * answers with the first outcome and takes nothing more.
     *
     * @param quantities product id to quantity; one entry per product
     */
    @Transactional
    public Reservation reserve(UUID id, SortedMap<Long, Integer> quantities) {
        reservations.lockId(id);
        Optional<Reservation> earlier = reservations.findByIdOptional(id);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Map<Long, Product> locked = products.lockInIdOrder(quantities.keySet()).stream()
                .collect(Collectors.toMap(Product::id, Function.identity()));
        requireKnown(quantities, locked);

        List<ReservationLine> lines = new ArrayList<>();
        boolean anyShort = false;
        for (Map.Entry<Long, Integer> wanted : quantities.entrySet()) {
            Product product = locked.get(wanted.getKey());
            boolean enough = product.hasInStock(wanted.getValue());
            anyShort |= !enough;
            lines.add(new ReservationLine(product.id(), product.name(), wanted.getValue(), product.price(),
                    enough ? null : product.stock()));
        }
        Instant now = Instant.now();
        Reservation reservation;
        if (anyShort) {
            reservation = Reservation.rejected(id, lines, currency, now);
        } else {
            lines.forEach(line -> locked.get(line.productId()).take(line.quantity()));
            reservation = Reservation.held(id, lines, currency, now);
        }
        reservations.persist(reservation);
        return reservation;
    }

    /** Puts a held reservation's stock back, exactly once however often it is called. */
    @Transactional
    public void release(UUID id) {
        reservations.lockId(id);
        Optional<Reservation> found = reservations.findByIdOptional(id);
        if (found.isEmpty()) {
            reservations.persist(Reservation.releasedUnused(id, currency, Instant.now()));
            return;
        }
        Reservation reservation = found.get();
        if (reservation.status() != Reservation.Status.HELD) {
            return;
        }
        Map<Long, Integer> quantities = reservation.lines().stream()
                .collect(Collectors.toMap(ReservationLine::productId, ReservationLine::quantity));
        // A product deleted since has no stock to return to.
        for (Product product : products.lockInIdOrder(new TreeMap<>(quantities).keySet())) {
            product.putBack(quantities.get(product.id()));
        }
        reservation.markReleased(Instant.now());
    }

    /**
     * A reservation of one unit of {@code productId} and its release, rolled back: every step runs,
     * nothing stays. For warming up.
     */
    public Reservation rehearseReservation(long productId) {
        QuarkusTransaction.begin();
        try {
            Reservation reservation = reserve(UUID.randomUUID(), new TreeMap<>(Map.of(productId, 1)));
            reservations.flush();
            release(reservation.id());
            release(UUID.randomUUID());
            reservations.flush();
            return reservation;
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    public Optional<Reservation> find(UUID id) {
        return reservations.findByIdOptional(id);
    }

    private static void requireKnown(SortedMap<Long, Integer> quantities, Map<Long, Product> found) {
        List<Problem.FieldError> unknown = quantities.keySet().stream()
                .filter(productId -> !found.containsKey(productId))
                .map(productId -> new Problem.FieldError("items", "no product has the id " + productId))
                .toList();
        if (!unknown.isEmpty()) {
            throw new ProblemException(ProblemException.validation(unknown));
        }
    }
}
