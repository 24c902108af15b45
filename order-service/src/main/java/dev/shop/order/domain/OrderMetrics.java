package dev.shop.order.domain;

import dev.shop.common.metrics.TaggedCounters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the order saga does, as Prometheus counters (dashboards and alerts in observability/):
 * {@code shop_orders_total{status}} for orders entering each status ("pending" is an order placed),
 * {@code shop_orders_rejected_total{reason}}, {@code shop_order_recovery_actions_total{action}}, and
 * the age of the oldest PENDING order against the time recovery allows it.
 *
 * <p>Counted after the transaction that made the change has committed: a count is something that
 * happened.
 */
@Startup
@ApplicationScoped
public class OrderMetrics {

    /** What one recovery run did to one order. */
    public enum RecoveryAction { CONFIRMED, REJECTED, CANCELLATION_FINISHED, FAILED }

    private final TaggedCounters<OrderStatus> entered;
    private final TaggedCounters<Rejection> rejected;
    private final TaggedCounters<RecoveryAction> recovered;
    /** When the oldest PENDING order was placed, as recovery last looked; empty when none is. */
    private final AtomicReference<Optional<Instant>> oldestPending = new AtomicReference<>(Optional.empty());

    OrderMetrics(MeterRegistry registry, Recovery.Settings recovery) {
        entered = TaggedCounters.register(registry, "shop.orders",
                "Orders entering each status; pending is an order placed", "status", OrderStatus.class);
        rejected = TaggedCounters.register(registry, "shop.orders.rejected", "Orders rejected, by reason",
                "reason", Rejection.class);
        recovered = TaggedCounters.register(registry, "shop.order.recovery.actions",
                "Orders recovery settled, by what it did; failed: left for its next run", "action", RecoveryAction.class);
        Gauge.builder("shop.orders.oldest.pending.age", oldestPending, OrderMetrics::ageInSeconds)
                .baseUnit("seconds")
                .description("How long ago the oldest order still PENDING was placed; 0 when none is")
                .register(registry);
        double timeout = recovery.pendingTimeout().toMillis() / 1000.0;
        Gauge.builder("shop.order.recovery.pending.timeout", () -> timeout)
                .baseUnit("seconds")
                .description("How long an order stays PENDING before recovery settles it (shop.recovery.pending-timeout)")
                .register(registry);
    }

    void entered(OrderStatus status) {
        entered.increment(status);
    }

    void rejected(Rejection reason) {
        entered(OrderStatus.REJECTED);
        rejected.increment(reason);
    }

    void recovered(RecoveryAction action) {
        recovered.increment(action);
    }

    void oldestPendingPlacedAt(Optional<Instant> placedAt) {
        oldestPending.set(placedAt);
    }

    private static double ageInSeconds(AtomicReference<Optional<Instant>> oldest) {
        return oldest.get().map(placed -> Duration.between(placed, Instant.now()).toMillis() / 1000.0).orElse(0.0);
    }

}
