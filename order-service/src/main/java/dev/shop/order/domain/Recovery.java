package dev.shop.order.domain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Settles what requests left unfinished — after a crash, a timeout or a lost answer — on start-up
 * and then periodically, on every replica:
 * <ul>
 *   <li>an order PENDING longer than {@code shop.recovery.pending-timeout} is confirmed if its
 *       reservation holds (the reservation is confirmed first), and otherwise rejected after its
 *       reservation has been abandoned (so a reservation still on its way can take nothing). If a
 *       retry of the order confirmed it meanwhile, the abandonment loses, and the order is confirmed:
 *       the catalog settles the race, under the reservation's lock;</li>
 *   <li>a cancellation requested but not finished gets its stock released and the order cancelled.</li>
 * </ul>
 * Each order is claimed with a conditional update before anything is done, so replicas running at
 * the same moment never work on the same order.
 */
@ApplicationScoped
class Recovery {

    private static final Logger LOG = Logger.getLogger(Recovery.class);

    /** {@code shop.recovery.*}: when an order counts as left behind, and how often it is looked for. */
    @ConfigMapping(prefix = "shop.recovery")
    interface Settings {
        /** An order PENDING (or a cancellation unfinished) this long is settled here. */
        Duration pendingTimeout();

        /** How often recovery runs (the scheduler reads it, e.g. {@code 10s}). */
        String interval();

        /** How long after start it runs first (the scheduler reads it too). */
        String initialDelay();

        /** How many orders of each kind one run settles at most (at least 1: SettingsCheck). */
        int batchSize();
    }

    private final OrderRepository repository;
    private final Orders orders;
    private final StockReservations stock;
    private final OrderMetrics metrics;
    private final Duration pendingTimeout;
    private final int batchSize;

    Recovery(OrderRepository repository, Orders orders, StockReservations stock, OrderMetrics metrics, Settings settings) {
        this.repository = repository;
        this.orders = orders;
        this.stock = stock;
        this.metrics = metrics;
        this.pendingTimeout = settings.pendingTimeout();
        this.batchSize = settings.batchSize();
    }

    @Scheduled(identity = "order-recovery", every = "${shop.recovery.interval}",
            delayed = "${shop.recovery.initial-delay}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        Instant before = Instant.now().minus(pendingTimeout);
        List<UUID> pending = QuarkusTransaction.requiringNew().call(() -> repository.stalePending(before, batchSize));
        for (UUID id : pending) {
            attempt(id, () -> settlePending(id, before));
        }
        List<UUID> cancelling = QuarkusTransaction.requiringNew().call(() -> repository.stalledCancellations(before, batchSize));
        for (UUID id : cancelling) {
            attempt(id, () -> finishCancellation(id, before));
        }
        metrics.oldestPendingPlacedAt(QuarkusTransaction.requiringNew().call(repository::oldestPendingPlacedAt));
    }

    private void settlePending(UUID id, Instant before) {
        if (!QuarkusTransaction.requiringNew().call(() -> repository.claimPending(id, before))) {
            return;
        }
        UUID reservationId = QuarkusTransaction.requiringNew().call(() -> repository.findById(id).reservationId());
        ReservationOutcome outcome = stock.lookUp(reservationId);
        if (outcome instanceof ReservationOutcome.Held) {
            // Reserved, but the request never got to confirm it: the customer asked for it, so confirm.
            outcome = stock.confirm(reservationId);
        } else if (outcome instanceof ReservationOutcome.Unknown) {
            // Never arrived, or still on its way: abandoning the id means it can hold nothing later.
            // The catalog answers what the reservation is now: a retry may have confirmed it first.
            outcome = stock.abandon(reservationId);
        }
        Order settled = orders.apply(id, outcome);
        switch (settled.status()) {
            case CONFIRMED -> metrics.recovered(OrderMetrics.RecoveryAction.CONFIRMED);
            case REJECTED -> metrics.recovered(OrderMetrics.RecoveryAction.REJECTED);
            default -> { }
        }
        LOG.infof("Recovery settled order %s as %s", id, settled.status());
    }

    private void finishCancellation(UUID id, Instant before) {
        if (!QuarkusTransaction.requiringNew().call(() -> repository.claimCancellation(id, before))) {
            return;
        }
        UUID reservationId = QuarkusTransaction.requiringNew().call(() -> repository.findById(id).reservationId());
        stock.release(reservationId);
        orders.markCancelled(id);
        metrics.recovered(OrderMetrics.RecoveryAction.CANCELLATION_FINISHED);
        LOG.infof("Recovery finished the cancellation of order %s", id);
    }

    private void attempt(UUID id, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            // Left as it is; the next run tries again.
            metrics.recovered(OrderMetrics.RecoveryAction.FAILED);
            LOG.warnf("Recovery could not settle order %s yet: %s", id, e.toString());
        }
    }
}
