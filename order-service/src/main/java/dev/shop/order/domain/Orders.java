package dev.shop.order.domain;

import dev.shop.common.problem.ProblemException;
import dev.shop.common.problem.ProblemType;
import dev.shop.common.web.Page;
import dev.shop.common.web.PageRequest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.SortedMap;
import java.util.UUID;

/**
 * The order saga. There is no transaction spanning order-service and catalog-service, so:
 * <ol>
 *   <li>the order is recorded PENDING, with a fresh reservation id, before catalog-service is called;</li>
 *   <li>the stock is taken for the order under that id, which makes the call safe to repeat: the
 *       catalog reserves and confirms it in one transaction (a catalog that only holds it gets a
 *       confirmation after);</li>
 *   <li>the order is CONFIRMED at the catalog's prices, or REJECTED.</li>
 * </ol>
 * The catalog keeps the truth about the stock: an order is CONFIRMED only once its reservation is,
 * and a PENDING order, recorded before any stock is taken, is always settled by what the catalog
 * says of its reservation id (recovery asks, and abandons an id the catalog never saw), so no stock
 * is ever sold twice or stranded, whatever crashes or answers get lost.
 * Whoever holds a PENDING order can drive it forward the same way: the request that created it, a
 * retry with the same Idempotency-Key, or {@link Recovery} when both are gone. No step holds a
 * database transaction open while catalog-service is called.
 */
@ApplicationScoped
public class Orders {

    private static final Logger LOG = Logger.getLogger(Orders.class);

    public record Placement(Order order, boolean created) {
    }

    private final OrderRepository repository;
    private final StockReservations stock;
    private final OrderMetrics metrics;

    Orders(OrderRepository repository, StockReservations stock, OrderMetrics metrics) {
        this.repository = repository;
        this.stock = stock;
        this.metrics = metrics;
    }

    /**
     * Places an order, or with a key already used by this user, returns that order, completing it
     * if it is still pending. The order comes back PENDING only if catalog-service could not be
     * reached: the outcome is then unknown, and a retry or recovery settles it.
     */
    public Placement place(String userId, Optional<String> idempotencyKey, SortedMap<Long, Integer> quantities) {
        String requestHash = fingerprint(quantities);
        Placement placement = QuarkusTransaction.requiringNew()
                .call(() -> recordPending(userId, idempotencyKey, requestHash, quantities));
        if (placement.created()) {
            metrics.entered(OrderStatus.PENDING);
        }
        Order order = placement.order();
        if (order.status() == OrderStatus.PENDING) {
            order = advance(order);
        }
        return new Placement(order, placement.created());
    }

    private Placement recordPending(String userId, Optional<String> key, String requestHash,
                                    SortedMap<Long, Integer> quantities) {
        if (key.isPresent()) {
            repository.lockIdempotencyKey(userId, key.get());
            Optional<Order> earlier = repository.findByIdempotencyKey(userId, key.get());
            if (earlier.isPresent()) {
                if (!earlier.get().requestHash().equals(requestHash)) {
                    throw ProblemType.IDEMPOTENCY_KEY_REUSED.exception("This Idempotency-Key was already used "
                            + "for an order with other items; use a new key for a new order.");
                }
                if (earlier.get().status() == OrderStatus.PENDING) {
                    repository.touchPending(earlier.get().id());
                }
                return new Placement(earlier.get(), false);
            }
        }
        Order order = Order.pending(userId, key.orElse(null), requestHash, quantities);
        repository.persist(order);
        return new Placement(order, true);
    }

    private Order advance(Order order) {
        ReservationOutcome outcome;
        try {
            // One call: the stock is taken for good, since nothing comes between holding it and
            // confirming it here. A catalog-service that only holds (one from before, in a rolling
            // update) answers Held, and the hold is confirmed.
            outcome = stock.take(order.reservationId(), order.id(), order.quantities());
            if (outcome instanceof ReservationOutcome.Held) {
                outcome = stock.confirm(order.reservationId());
            }
        } catch (CatalogUnavailable e) {
            LOG.warnf("Order %s stays pending: %s", order.id(), e.getMessage());
            // Recovery counts its timeout from this last attempt, leaving time for a retry.
            QuarkusTransaction.requiringNew().run(() -> repository.touchPending(order.id()));
            return order;
        }
        return settle(order, outcome);
    }

    /**
     * The request that recorded the order settles it, as a rule: a confirmation is then written
     * with one conditional update per row, instead of locking the order and reading it back (two
     * statements) and rewriting its lines (two more). If something settled it first (a retry with
     * the same key, recovery), nothing is written, and the order is read under its lock as
     * recovery reads it.
     */
    private Order settle(Order recorded, ReservationOutcome outcome) {
        if (outcome instanceof ReservationOutcome.Confirmed confirmed) {
            SortedMap<Long, Integer> asked = recorded.quantities();
            recorded.confirm(confirmed.lines(), confirmed.total(), confirmed.currency());
            if (asked.equals(recorded.quantities())
                    && QuarkusTransaction.requiringNew().call(() -> repository.recordConfirmation(recorded))) {
                metrics.entered(OrderStatus.CONFIRMED);
                return recorded;
            }
        }
        return apply(recorded.id(), outcome);
    }

    /** Moves a PENDING order on by what the catalog said about its reservation. */
    Order apply(UUID orderId, ReservationOutcome outcome) {
        Settled settled = QuarkusTransaction.requiringNew().call(() -> {
            Order locked = repository.lock(orderId);
            if (locked.status() != OrderStatus.PENDING) {
                return new Settled(locked, false);
            }
            switch (outcome) {
                case ReservationOutcome.Confirmed confirmed ->
                        locked.confirm(confirmed.lines(), confirmed.total(), confirmed.currency());
                case ReservationOutcome.Short s -> locked.reject(Rejection.INSUFFICIENT_STOCK, s.shortages());
                case ReservationOutcome.UnknownProducts u -> locked.reject(Rejection.UNKNOWN_PRODUCT, u.message());
                case ReservationOutcome.Released r -> locked.reject(Rejection.ABANDONED,
                        "The order could not be completed while the catalog was unavailable.");
                case ReservationOutcome.Held h -> throw new IllegalStateException("a held reservation is confirmed first");
                case ReservationOutcome.Unknown u -> throw new IllegalStateException("nothing to apply");
            }
            return new Settled(locked, true);
        });
        Order order = settled.order();
        if (settled.now()) {
            countSettled(order);
        }
        if (outcome instanceof ReservationOutcome.Confirmed && order.status() == OrderStatus.REJECTED) {
            // Cannot happen while the catalog is the truth (a rejected order's reservation was
            // released first); if it ever did, the stock would be held for nothing.
            LOG.errorf("Order %s is REJECTED but its reservation was confirmed: releasing it", order.id());
            stock.release(order.reservationId());
        }
        return order;
    }

    /** An order as it is after a settling step, and whether that step is what settled it. */
    private record Settled(Order order, boolean now) {
    }

    private void countSettled(Order order) {
        if (order.status() == OrderStatus.REJECTED) {
            metrics.rejected(order.rejection());
        } else {
            metrics.entered(order.status());
        }
    }

    public Optional<Order> find(String userId, UUID orderId) {
        return repository.findOwned(orderId, userId);
    }

    public Page<Order> list(String userId, PageRequest page) {
        return Page.of(repository.pageOf(userId, page), page, repository.countOf(userId));
    }

    /**
     * Cancels a confirmed order and puts its stock back. The intent is recorded first: if
     * catalog-service cannot be reached now, recovery finishes the cancellation later.
     */
    public Order cancel(String userId, UUID orderId) {
        Order order = QuarkusTransaction.requiringNew().call(() -> {
            Order locked = repository.lockOwned(orderId, userId)
                    .orElseThrow(() -> ProblemException.notFound("No order has the id " + orderId + "."));
            switch (locked.status()) {
                case CANCELLED -> { }
                case CONFIRMED -> locked.requestCancellation();
                default -> throw ProblemType.ORDER_NOT_CANCELLABLE.exception(
                        "Only a confirmed order can be cancelled; this one is " + locked.status() + ".");
            }
            return locked;
        });
        if (order.status() == OrderStatus.CANCELLED) {
            return order;
        }
        try {
            stock.release(order.reservationId());
        } catch (CatalogUnavailable e) {
            throw ProblemException.unavailable("The catalog cannot be reached right now. The cancellation is "
                    + "recorded and will be completed when it is back.");
        }
        return markCancelled(orderId);
    }

    Order markCancelled(UUID orderId) {
        Settled settled = QuarkusTransaction.requiringNew().call(() -> {
            Order locked = repository.lock(orderId);
            if (locked.status() != OrderStatus.CONFIRMED) {
                return new Settled(locked, false);
            }
            locked.cancel();
            return new Settled(locked, true);
        });
        if (settled.now()) {
            countSettled(settled.order());
        }
        return settled.order();
    }

    /** Which items were asked for, independent of their order and of how lines were split. */
    static String fingerprint(SortedMap<Long, Integer> quantities) {
        StringBuilder canonical = new StringBuilder();
        quantities.forEach((product, quantity) -> canonical.append(product).append('x').append(quantity).append(';'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
