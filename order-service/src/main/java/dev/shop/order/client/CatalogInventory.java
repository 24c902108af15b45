package dev.shop.order.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.List;
import java.util.SortedMap;
import java.util.UUID;

/**
 * Calls to catalog-service's inventory, guarded: each attempt times out after a second, a failed
 * attempt is tried once more, and a circuit breaker stops calling a catalog that keeps failing, so
 * a request fails in about two seconds at most. Retrying is safe for all three calls: each names
 * its reservation id, which catalog-service answers idempotently.
 *
 * <p>A 4xx answer is an outcome, not a failure: it is returned, never retried, and does not count
 * against the breaker. Anything else unexpected surfaces as {@link CatalogUnavailable}, or as a
 * fault tolerance exception (timeout, open circuit).
 */
@ApplicationScoped
@Timeout(1000)
@Retry(maxRetries = 1, delay = 100, jitter = 50, abortOn = CircuitBreakerOpenException.class)
@CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 1)
public class CatalogInventory {

    private final InventoryApi api;

    CatalogInventory(@RestClient InventoryApi api) {
        this.api = api;
    }

    /** Takes the stock for these products under this id, or tells why not. */
    public ReservationOutcome reserve(UUID reservationId, SortedMap<Long, Integer> quantities, String authorization) {
        List<InventoryDtos.Item> items = quantities.entrySet().stream()
                .map(e -> new InventoryDtos.Item(e.getKey(), e.getValue())).toList();
        try (Response response = call(() -> api.reserve(authorization,
                new InventoryDtos.ReservationRequest(reservationId, items)))) {
            return switch (response.getStatus()) {
                case 201, 200 -> held(response.readEntity(InventoryDtos.Reservation.class));
                case 409 -> {
                    InventoryDtos.Problem problem = response.readEntity(InventoryDtos.Problem.class);
                    yield new ReservationOutcome.Short(problem.detail(), problem.shortages());
                }
                case 400 -> {
                    InventoryDtos.Problem problem = response.readEntity(InventoryDtos.Problem.class);
                    yield new ReservationOutcome.UnknownProducts(problem.detail(), problem.errors());
                }
                case 410 -> new ReservationOutcome.Released();
                default -> throw unexpected("reserve", response);
            };
        }
    }

    /** What became of a reservation, without changing it. */
    public ReservationOutcome lookUp(UUID reservationId, String authorization) {
        try (Response response = call(() -> api.get(authorization, reservationId))) {
            return switch (response.getStatus()) {
                case 200 -> {
                    InventoryDtos.Reservation reservation = response.readEntity(InventoryDtos.Reservation.class);
                    yield switch (reservation.status()) {
                        case "HELD" -> held(reservation);
                        case "REJECTED" -> new ReservationOutcome.Short("Not enough stock.", List.of());
                        default -> new ReservationOutcome.Released();
                    };
                }
                case 404 -> new ReservationOutcome.Unknown();
                default -> throw unexpected("look up", response);
            };
        }
    }

    /** Puts the reservation's stock back (once, however often this is called). */
    public void release(UUID reservationId, String authorization) {
        try (Response response = call(() -> api.release(authorization, reservationId))) {
            if (response.getStatus() != 204) {
                throw unexpected("release", response);
            }
        }
    }

    private static ReservationOutcome.Held held(InventoryDtos.Reservation reservation) {
        return new ReservationOutcome.Held(reservation.items(), reservation.total(), reservation.currency());
    }

    private static Response call(java.util.function.Supplier<Response> request) {
        try {
            return request.get();
        } catch (ProcessingException e) {
            throw new CatalogUnavailable("catalog-service cannot be reached: " + e.getMessage(), e);
        }
    }

    private static CatalogUnavailable unexpected(String call, Response response) {
        return new CatalogUnavailable("catalog-service answered " + response.getStatus() + " to " + call);
    }
}
