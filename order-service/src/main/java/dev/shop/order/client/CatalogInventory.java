package dev.shop.order.client;

import dev.shop.order.domain.CatalogUnavailable;
import dev.shop.order.domain.OrderLine;
import dev.shop.order.domain.ReservationOutcome;
import dev.shop.order.domain.Shortage;
import dev.shop.order.domain.StockReservations;
import io.smallrye.config.ConfigMapping;
import io.smallrye.stork.api.NoServiceInstanceFoundException;
import io.vertx.core.VertxException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

import java.time.Duration;
import java.util.List;
import java.util.SortedMap;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The catalog's stock for the order saga, through catalog-service's inventory API: wire records
 * and statuses in, the domain's outcomes out. Timeouts, an open breaker and server errors become
 * {@link CatalogUnavailable}: the outcome is not known, and the saga leaves the order pending.
 */
@ApplicationScoped
public class CatalogInventory implements StockReservations {

    /** {@code shop.catalog-calls.*}: how many calls to catalog-service at once, and how long one waits its turn. */
    @ConfigMapping(prefix = "shop.catalog-calls")
    public interface Limits {
        int maxConcurrent();

        Duration queueTimeout();
    }

    private final GuardedInventoryCalls calls;
    /**
     * A bulkhead that queues: a burst of orders waits here, briefly and in order, rather than
     * piling onto catalog-service's database pool, where the calls would time out together and open
     * the breaker. (SmallRye Fault Tolerance's bulkhead queues only asynchronous calls; these block.)
     */
    private final Semaphore turns;
    private final Duration queueTimeout;

    CatalogInventory(GuardedInventoryCalls calls, Limits limits) {
        this.calls = calls;
        this.turns = new Semaphore(limits.maxConcurrent(), true);
        this.queueTimeout = limits.queueTimeout();
    }

    @Override
    public ReservationOutcome take(UUID reservationId, UUID orderId, SortedMap<Long, Integer> quantities) {
        List<InventoryDtos.Item> items = quantities.entrySet().stream()
                .map(e -> new InventoryDtos.Item(e.getKey(), e.getValue())).toList();
        GuardedInventoryCalls.Answer answer = call(() ->
                calls.take(new InventoryDtos.ReservationRequest(reservationId, orderId, items)));
        return switch (answer.status()) {
            case 200, 201 -> of(answer.reservation());
            case 409 -> shortOf(answer.problem());
            case 400 -> new ReservationOutcome.UnknownProducts(answer.problem().errors().stream()
                    .map(InventoryDtos.FieldError::message).findFirst().orElse(answer.problem().detail()));
            case 410 -> new ReservationOutcome.Released();
            default -> throw unexpected("take", answer);
        };
    }

    @Override
    public ReservationOutcome confirm(UUID reservationId) {
        GuardedInventoryCalls.Answer answer = call(() -> calls.confirm(reservationId));
        return switch (answer.status()) {
            case 200 -> of(answer.reservation());
            case 409 -> shortOf(answer.problem());
            case 410 -> new ReservationOutcome.Released();
            default -> throw unexpected("confirm", answer);
        };
    }

    @Override
    public ReservationOutcome abandon(UUID reservationId) {
        GuardedInventoryCalls.Answer answer = call(() -> calls.abandon(reservationId));
        if (answer.status() != 200) {
            throw unexpected("abandon", answer);
        }
        return of(answer.reservation());
    }

    @Override
    public ReservationOutcome lookUp(UUID reservationId) {
        GuardedInventoryCalls.Answer answer = call(() -> calls.get(reservationId));
        return switch (answer.status()) {
            case 200 -> of(answer.reservation());
            case 404 -> new ReservationOutcome.Unknown();
            default -> throw unexpected("look up", answer);
        };
    }

    @Override
    public void release(UUID reservationId) {
        GuardedInventoryCalls.Answer answer = call(() -> calls.release(reservationId));
        if (answer.status() != 204) {
            throw unexpected("release", answer);
        }
    }

    private static ReservationOutcome of(InventoryDtos.Reservation reservation) {
        return switch (reservation.status()) {
            case "HELD" -> new ReservationOutcome.Held();
            case "CONFIRMED" -> new ReservationOutcome.Confirmed(
                    reservation.items().stream()
                            .map(l -> new OrderLine(l.productId(), l.quantity(), l.name(), l.unitPrice()))
                            .toList(),
                    reservation.total(), reservation.currency());
            // The short lines are named only in the answer to the reservation itself.
            case "REJECTED" -> new ReservationOutcome.Short(List.of());
            default -> new ReservationOutcome.Released();
        };
    }

    private static ReservationOutcome shortOf(InventoryDtos.Problem problem) {
        return new ReservationOutcome.Short(problem.shortages() == null ? List.of() : problem.shortages().stream()
                .map(s -> new Shortage(s.productId(), s.name(), s.requested(), s.available()))
                .toList());
    }

    private GuardedInventoryCalls.Answer call(Supplier<GuardedInventoryCalls.Answer> call) {
        try {
            if (!turns.tryAcquire(queueTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new CatalogUnavailable("too many calls to catalog-service are waiting", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogUnavailable("interrupted while waiting to call catalog-service", e);
        }
        try {
            return call.get();
        } catch (FaultToleranceException | ProcessingException | VertxException | NoServiceInstanceFoundException
                 | GuardedInventoryCalls.Failed e) {
            throw new CatalogUnavailable("catalog-service cannot be reached: " + e.getMessage(), e);
        } finally {
            turns.release();
        }
    }

    private static CatalogUnavailable unexpected(String call, GuardedInventoryCalls.Answer answer) {
        return new CatalogUnavailable("catalog-service answered " + answer.status() + " to " + call, null);
    }
}
