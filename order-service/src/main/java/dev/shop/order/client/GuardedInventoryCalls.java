package dev.shop.order.client;

import io.smallrye.stork.api.NoServiceInstanceFoundException;
import io.vertx.core.VertxException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * The calls to catalog-service's inventory, guarded: each attempt times out after 2 s, a failed
 * attempt (a server error, no connection) is tried once more, and a circuit breaker stops calling a
 * catalog that keeps failing. A timed-out attempt is not retried: the catalog is slow, and another
 * call would only add to its load. Retrying is safe for every call: each names its reservation id,
 * which catalog-service answers idempotently. The retry goes to another replica where there is one:
 * the replicas are chosen by common's ready-replicas load balancer, which takes a replica that refused
 * the connection out of rotation at once.
 *
 * <p>Sized from a measured burst right after start (100 orders, 50 at a time, TrustBoundariesIT):
 * with 1 s attempts and a breaker over the last 10 calls, cold reservations queued at
 * catalog-service's database pool timed out, the breaker opened, and all 100 orders got 503. Calls
 * now wait their turn in {@link CatalogInventory} first (at most a few at once), and each attempt
 * gets 2 s.
 * The values can be configured ({@code quarkus.fault-tolerance.global.circuit-breaker.delay} and so
 * on, or per class, {@code quarkus.fault-tolerance."dev.shop.order.client.GuardedInventoryCalls".timeout.value};
 * see application.properties).
 *
 * <p>A connection that closes under a call mostly reaches here as a {@link ProcessingException}, but
 * CI once saw Vert.x's own {@code HttpClosedException} (a {@link VertxException}) come through
 * unwrapped while a catalog-service replica was killed, and become a 500: both are failures.
 *
 * <p>A 4xx answer is an outcome, not a failure: it is returned, never retried, and does not count
 * against the breaker. A 5xx answer or no answer is a failure.
 */
@ApplicationScoped
@Timeout(2000)
@Retry(maxRetries = 1, delay = 100, jitter = 50,
        retryOn = {GuardedInventoryCalls.Failed.class, ProcessingException.class, VertxException.class,
                NoServiceInstanceFoundException.class},
        abortOn = CircuitBreakerOpenException.class)
@CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 1)
public class GuardedInventoryCalls {

    /** An answer that is an outcome: its status, and the reservation or the problem it carried. */
    public record Answer(int status, InventoryDtos.Reservation reservation, InventoryDtos.Problem problem) {
    }

    /** catalog-service failed to answer (5xx, or a status it never gives). */
    public static class Failed extends RuntimeException {
        Failed(String message) {
            super(message, null, false, false);
        }
    }

    private final InventoryApi api;

    GuardedInventoryCalls(@RestClient InventoryApi api) {
        this.api = api;
    }

    public Answer take(InventoryDtos.ReservationRequest request) {
        return read("take", () -> api.take(request));
    }

    public Answer get(UUID reservationId) {
        return read("look up", () -> api.get(reservationId));
    }

    public Answer confirm(UUID reservationId) {
        return read("confirm", () -> api.confirm(reservationId));
    }

    public Answer abandon(UUID reservationId) {
        return read("abandon", () -> api.abandon(reservationId));
    }

    public Answer release(UUID reservationId) {
        return read("release", () -> api.release(reservationId));
    }

    private static Answer read(String call, Supplier<Response> request) {
        try (Response response = request.get()) {
            int status = response.getStatus();
            if (status >= 500 || status < 200) {
                throw new Failed("catalog-service answered " + status + " to " + call);
            }
            if (status == 204 || !response.hasEntity()) {
                return new Answer(status, null, null);
            }
            return status < 300
                    ? new Answer(status, response.readEntity(InventoryDtos.Reservation.class), null)
                    : new Answer(status, null, response.readEntity(InventoryDtos.Problem.class));
        }
    }
}
