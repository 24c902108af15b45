package dev.shop.catalog;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A reservation holds its stock until its order is confirmed: confirmed, it stays taken; left
 * unconfirmed past its hold (5 s in tests), it is released, so no stock is stranded; abandoned, it
 * goes back unless the order was confirmed first. Taken for good in one call ({@code ?confirm=true}),
 * it is confirmed at once and has no hold to expire.
 */
@QuarkusTest
@TestProfile(ReservationLifecycleTest.ShortHolds.class)
class ReservationLifecycleTest {

    /** Holds of 5 s, swept every second (elsewhere in the tests they last as long as in production). */
    public static class ShortHolds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shop.inventory.hold-timeout", "PT5S");
        }
    }

    @Test
    void aHoldNobodyConfirmsIsReleasedOnceItExpires() {
        long product = Products.create("Stranded", "1.00", 3);
        UUID id = UUID.randomUUID();
        Reservations.reserve(id, product, 2).then().statusCode(201).body("status", equalTo("HELD"));
        assertEquals(1, Products.stock(product));

        awaitStatus(id, "RELEASED", Duration.ofSeconds(20));
        assertEquals(3, Products.stock(product));
        Reservations.confirm(id).then().statusCode(410).contentType("application/problem+json");
        Reservations.reserve(id, product, 2).then().statusCode(410);
        assertEquals(3, Products.stock(product));
    }

    @Test
    void aConfirmedReservationNeverExpiresAndIsReleasedOnlyByACancellation() throws InterruptedException {
        long product = Products.create("Sold", "1.00", 3);
        UUID id = UUID.randomUUID();
        Reservations.reserve(id, product, 2).then().statusCode(201);
        Reservations.confirm(id).then().statusCode(200).body("status", equalTo("CONFIRMED"));
        Reservations.confirm(id).then().statusCode(200).body("status", equalTo("CONFIRMED"));
        // A retry of the reservation itself answers the confirmed reservation, taking nothing.
        Reservations.reserve(id, product, 2).then().statusCode(201).body("status", equalTo("CONFIRMED"));

        Thread.sleep(7_000); // past the 5 s hold and several expiry sweeps
        Reservations.get(id).then().body("status", equalTo("CONFIRMED"));
        assertEquals(1, Products.stock(product));

        // The order's abandonment loses to its confirmation...
        Reservations.abandon(id).then().statusCode(200).body("status", equalTo("CONFIRMED"));
        assertEquals(1, Products.stock(product));
        // ...and its cancellation puts the stock back, once.
        Reservations.release(id).then().statusCode(204);
        Reservations.release(id).then().statusCode(204);
        assertEquals(3, Products.stock(product));
    }

    @Test
    void stockTakenForGoodInOneCallIsConfirmedAtOnceAndNeverExpires() {
        long product = Products.create("Taken", "2.50", 5);
        UUID id = UUID.randomUUID();
        Reservations.take(id, product, 2).then().statusCode(201)
                .body("status", equalTo("CONFIRMED")).body("expiresAt", nullValue());
        // Asked again: the first outcome, nothing taken twice.
        Reservations.take(id, product, 2).then().statusCode(201).body("status", equalTo("CONFIRMED"));
        assertEquals(3, Products.stock(product));

        // A hold made after it expires and is swept; what was taken for good stays taken.
        UUID held = UUID.randomUUID();
        Reservations.reserve(held, product, 1).then().statusCode(201).body("status", equalTo("HELD"));
        awaitStatus(held, "RELEASED", Duration.ofSeconds(20));
        Reservations.get(id).then().body("status", equalTo("CONFIRMED"));
        assertEquals(3, Products.stock(product));

        Reservations.abandon(id).then().statusCode(200).body("status", equalTo("CONFIRMED"));
        Reservations.release(id).then().statusCode(204);
        assertEquals(5, Products.stock(product));
    }

    @Test
    void takingWhatIsHeldConfirmsItWithoutTakingMore() {
        long product = Products.create("Held then taken", "1.00", 4);
        UUID id = UUID.randomUUID();
        Reservations.reserve(id, product, 3).then().statusCode(201).body("status", equalTo("HELD"));
        Reservations.take(id, product, 3).then().statusCode(201)
                .body("status", equalTo("CONFIRMED")).body("expiresAt", nullValue());
        assertEquals(1, Products.stock(product));
    }

    @Test
    void takingIsAllOrNothingAndAReleasedIdTakesNothing() {
        long product = Products.create("Scarce taken", "1.00", 2);
        Reservations.take(UUID.randomUUID(), product, 3).then().statusCode(409)
                .body("type", equalTo("urn:shop:problem:insufficient-stock"));
        UUID abandoned = UUID.randomUUID();
        Reservations.abandon(abandoned).then().statusCode(200).body("status", equalTo("RELEASED"));
        Reservations.take(abandoned, product, 1).then().statusCode(410);
        assertEquals(2, Products.stock(product));
    }

    @Test
    void abandoningPutsHeldStockBackAndReleasesAnUnusedIdForGood() {
        long product = Products.create("Abandoned", "1.00", 3);
        UUID id = UUID.randomUUID();
        Reservations.reserve(id, product, 2).then().statusCode(201);
        Reservations.abandon(id).then().statusCode(200).body("status", equalTo("RELEASED"));
        Reservations.abandon(id).then().statusCode(200).body("status", equalTo("RELEASED"));
        assertEquals(3, Products.stock(product));
        Reservations.confirm(id).then().statusCode(410);

        UUID neverUsed = UUID.randomUUID();
        Reservations.abandon(neverUsed).then().statusCode(200).body("status", equalTo("RELEASED"));
        Reservations.reserve(neverUsed, product, 1).then().statusCode(410);
        assertEquals(3, Products.stock(product));
        Reservations.confirm(UUID.randomUUID()).then().statusCode(404);
    }

    private static void awaitStatus(UUID id, String status, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!status.equals(Reservations.get(id).path("status"))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(id + " is not " + status + " after " + timeout + ": "
                        + Reservations.get(id).asString());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
