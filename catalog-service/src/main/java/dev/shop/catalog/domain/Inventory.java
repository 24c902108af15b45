package dev.shop.catalog.domain;

import dev.shop.common.problem.Problem;
import dev.shop.common.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Duration;
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

    private static final Logger LOG = Logger.getLogger(Inventory.class);

    /** {@code shop.inventory.*} */
    @ConfigMapping(prefix = "shop.inventory")
    public interface Settings {
        /** How long a reservation holds its stock unless its order is confirmed. */
        Duration holdTimeout();

        /** How often expired holds are looked for (the scheduler reads it, e.g. {@code 10s}). */
        String expiryInterval();

        /** How many expired holds one sweep releases at most. */
        @WithDefault("100")
        int expiryBatchSize();
    }

    private final ReservationRepository reservations;
    private final ProductRepository products;
    private final String currency;
    private final Settings settings;
    private final Event<StockMovement> movements;

    Inventory(ReservationRepository reservations, ProductRepository products,
              ShopCurrency currency, Settings settings, Event<StockMovement> movements) {
        this.reservations = reservations;
        this.products = products;
        this.currency = currency.code();
        this.settings = settings;
        this.movements = movements;
    }

    /**
     * Takes the stock for every line, or none if any line is short, and holds it for the order
     * until it is confirmed (or the hold expires). Asked again under the same id, answers with the
     * first outcome and takes nothing more.
     *
     * @param quantities product id to quantity; one entry per product
     */
    @Transactional
    public Reservation reserve(UUID id, UUID orderId, SortedMap<Long, Integer> quantities) {
        return reserve(id, orderId, quantities, false);
    }

    /**
     * Takes the stock for every line, or none if any line is short, for the order for good: the
     * reservation is CONFIRMED at once, with no hold to expire. This is {@link #reserve} and
     * {@link #confirm} in one transaction, for a caller with nothing to do between the two. Asked
     * again under the same id, answers with the first outcome; a reservation held under it is
     * confirmed.
     */
    @Transactional
    public Reservation take(UUID id, UUID orderId, SortedMap<Long, Integer> quantities) {
        return reserve(id, orderId, quantities, true);
    }

    private Reservation reserve(UUID id, UUID orderId, SortedMap<Long, Integer> quantities, boolean forGood) {
        reservations.lockId(id);
        Optional<Reservation> earlier = reservations.findByIdOptional(id);
        if (earlier.isPresent()) {
            if (forGood && earlier.get().status() == Reservation.Status.HELD) {
                earlier.get().markConfirmed(Instant.now());
                movements.fire(StockMovement.CONFIRMED);
            }
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
            reservation = Reservation.rejected(id, orderId, lines, currency, now);
        } else {
            lines.forEach(line -> locked.get(line.productId()).take(line.quantity()));
            reservation = forGood ? Reservation.confirmed(id, orderId, lines, currency, now)
                    : Reservation.held(id, orderId, lines, currency, now, now.plus(settings.holdTimeout()));
        }
        reservations.persist(reservation);
        movements.fire(anyShort ? StockMovement.SHORT : forGood ? StockMovement.TAKEN : StockMovement.HELD);
        return reservation;
    }

    /**
     * The order is placed: a HELD reservation becomes CONFIRMED and no longer expires. Confirming
     * again changes nothing; a reservation that is not held (released, rejected) stays as it is,
     * and the caller reads why from its status.
     */
    @Transactional
    public Optional<Reservation> confirm(UUID id) {
        reservations.lockId(id);
        Optional<Reservation> found = reservations.findByIdOptional(id);
        found.filter(r -> r.status() == Reservation.Status.HELD).ifPresent(r -> {
            r.markConfirmed(Instant.now());
            movements.fire(StockMovement.CONFIRMED);
        });
        return found;
    }

    /**
     * The order gives up: stock held for it goes back, unless the order was confirmed in the
     * meantime, which wins. Of an id never reserved, the release is recorded, so that a reservation
     * arriving late under it takes nothing. Answers what the reservation is now.
     */
    @Transactional
    public Reservation abandon(UUID id) {
        Reservation reservation = lockForRelease(id);
        if (reservation.status() == Reservation.Status.HELD) {
            putBack(reservation);
            movements.fire(StockMovement.ABANDONED);
        }
        return reservation;
    }

    /**
     * Puts a reservation's stock back, held or confirmed (a cancelled order), exactly once however
     * often it is called; of an id never reserved, records the release as {@link #abandon} does.
     */
    @Transactional
    public void release(UUID id) {
        Reservation reservation = lockForRelease(id);
        if (reservation.holdsStock()) {
            putBack(reservation);
            movements.fire(StockMovement.RELEASED);
        }
    }

    /**
     * The reservation under this id, locked for the rest of the transaction. Of an id never
     * reserved, the release is recorded first, so that a reservation arriving late takes nothing.
     */
    private Reservation lockForRelease(UUID id) {
        reservations.lockId(id);
        return reservations.findByIdOptional(id).orElseGet(() -> {
            Reservation released = Reservation.releasedUnused(id, currency, Instant.now());
            reservations.persist(released);
            return released;
        });
    }

    /**
     * Releases the holds that ran out: their orders were never confirmed (a crash, a lost answer,
     * order-service gone), and the stock goes back on sale. Every replica sweeps; each reservation
     * is locked and checked again before it is touched, so two sweeps release it once.
     */
    @Scheduled(identity = "reservation-expiry", every = "${shop.inventory.expiry-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void releaseExpiredHolds() {
        Instant now = Instant.now();
        List<UUID> expired = QuarkusTransaction.requiringNew()
                .call(() -> reservations.expired(now, settings.expiryBatchSize()));
        for (UUID id : expired) {
            QuarkusTransaction.requiringNew().run(() -> {
                reservations.lockId(id);
                Reservation reservation = reservations.findById(id);
                if (reservation.status() == Reservation.Status.HELD && reservation.expiresAt().isBefore(now)) {
                    putBack(reservation);
                    movements.fire(StockMovement.EXPIRED);
                    LOG.infof("Released reservation %s of order %s: its hold expired unconfirmed", id,
                            reservation.orderId());
                }
            });
        }
    }

    private void putBack(Reservation reservation) {
        Map<Long, Integer> quantities = reservation.lines().stream()
                .collect(Collectors.toMap(ReservationLine::productId, ReservationLine::quantity));
        // A product deleted since has no stock to return to.
        for (Product product : products.lockInIdOrder(new TreeMap<>(quantities).keySet())) {
            product.putBack(quantities.get(product.id()));
        }
        reservation.markReleased(Instant.now());
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
            throw ProblemException.invalidFields(unknown);
        }
    }
}
