package dev.shop.catalog;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Real parallel HTTP requests against one product: the stock is never oversold or lost. */
@QuarkusTest
class ReservationConcurrencyTest {

    @Test
    void fiftyRacingReservationsForTenUnitsSellExactlyTen() throws Exception {
        long product = Products.create("Racing", "1.00", 10);
        List<Integer> statuses = inParallel(50, i -> Reservations.reserve(UUID.randomUUID(), product, 1).statusCode());

        assertEquals(10, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(40, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        assertEquals(0, Products.stock(product));
    }

    @Test
    void aRetriedIdRacingWithItselfTakesStockOnce() throws Exception {
        long product = Products.create("Retried", "1.00", 10);
        UUID id = UUID.randomUUID();
        List<Integer> statuses = inParallel(20, i -> Reservations.reserve(id, product, 3).statusCode());

        assertEquals(20, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(7, Products.stock(product));
    }

    @Test
    void releasesRacingWithEachOtherRestoreOnce() throws Exception {
        long product = Products.create("Released", "1.00", 10);
        UUID id = UUID.randomUUID();
        Reservations.reserve(id, product, 4).then().statusCode(201);

        List<Integer> statuses = inParallel(20, i -> Reservations.release(id).statusCode());

        assertEquals(20, statuses.stream().filter(s -> s == 204).count(), statuses.toString());
        assertEquals(10, Products.stock(product));
    }

    @Test
    void aConfirmationRacingAnAbandonmentEndsOneWayOnly() throws Exception {
        for (int round = 0; round < 10; round++) {
            long product = Products.create("Contested " + round, "1.00", 1);
            UUID id = UUID.randomUUID();
            Reservations.reserve(id, product, 1).then().statusCode(201);

            List<Integer> statuses = inParallel(2, i -> i == 0
                    ? Reservations.confirm(id).statusCode()
                    : Reservations.abandon(id).statusCode());

            String status = Reservations.get(id).path("status");
            if (status.equals("CONFIRMED")) {
                assertEquals(List.of(200, 200), statuses);
                assertEquals(0, Products.stock(product));
            } else {
                assertEquals("RELEASED", status);
                assertEquals(List.of(410, 200), statuses);
                assertEquals(1, Products.stock(product));
            }
        }
    }

    interface Call {
        int status(int index) throws Exception;
    }

    /** Runs the calls at the same moment, each on its own thread, and collects their statuses. */
    static List<Integer> inParallel(int count, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                Callable<Integer> task = () -> {
                    start.await();
                    return call.status(index);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : futures) {
                statuses.add(f.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
