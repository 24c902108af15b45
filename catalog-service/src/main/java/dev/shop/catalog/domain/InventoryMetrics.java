package dev.shop.catalog.domain;

import dev.shop.common.metrics.TaggedCounters;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/**
 * {@code shop_reservations_total{outcome}}: the stock movements of reservations, for the dashboards
 * in observability/. Counted after the transaction commits (a transactional observer), so a change
 * rolled back (the warm-up's rehearsal, a failed commit) is not counted.
 */
@Startup
@ApplicationScoped
class InventoryMetrics {

    private final TaggedCounters<StockMovement> movements;

    InventoryMetrics(MeterRegistry registry) {
        movements = TaggedCounters.register(registry, "shop.reservations",
                "Reservations by what they did to the stock; short is a stock-out", "outcome", StockMovement.class);
    }

    void count(@Observes(during = TransactionPhase.AFTER_SUCCESS) StockMovement movement) {
        movements.increment(movement);
    }
}
