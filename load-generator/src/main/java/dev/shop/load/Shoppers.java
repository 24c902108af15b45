package dev.shop.load;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The pool of shoppers: each registered and logged in once, before the load starts. */
final class Shoppers {

    /** Registration and login hash passwords (bcrypt) on purpose slowly: a few at a time is enough. */
    private static final int AT_ONCE = 4;

    private Shoppers() {
    }

    /** {@code count} new accounts, named after the run so that runs never collide; fails fast on any error. */
    static List<Shopper> register(ShopApi shop, int count, String runId, Statistics stats, long deadlineNanos) {
        List<Shopper> shoppers = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            shoppers.add(new Shopper("shopper-" + runId + "-" + i + "@load.shop.example", password(),
                    "Load Shopper " + i));
        }
        Semaphore slots = new Semaphore(AT_ONCE);
        List<CompletableFuture<String>> ready = new ArrayList<>();
        try {
            for (Shopper shopper : shoppers) {
                if (!slots.tryAcquire(remaining(deadlineNanos), TimeUnit.NANOSECONDS)) {
                    throw tooLong();
                }
                ready.stream().filter(CompletableFuture::isCompletedExceptionally).findFirst().ifPresent(Shoppers::failed);
                ready.add(shopper.register(shop).thenCompose(registered -> shopper.token(shop, stats::loggedIn))
                        .whenComplete((token, failure) -> slots.release()));
            }
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).get(remaining(deadlineNanos), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShopUnavailable("Interrupted while registering the shoppers.");
        } catch (TimeoutException e) {
            throw tooLong();
        } catch (ExecutionException e) {
            failed(CompletableFuture.failedFuture(e.getCause()));
        }
        return List.copyOf(shoppers);
    }

    private static void failed(CompletableFuture<?> failure) {
        Throwable cause = Status.unwrap(failure.handle((value, e) -> e).join());
        throw new ShopUnavailable(cause instanceof Status.HttpStatusException ? cause.getMessage()
                : "Registering the shoppers failed: " + Status.failure(cause).key() + " (" + cause + ").");
    }

    private static ShopUnavailable tooLong() {
        return new ShopUnavailable("Registering the shoppers did not finish within --max-duration.");
    }

    private static long remaining(long deadlineNanos) {
        return Math.max(0, deadlineNanos - System.nanoTime());
    }

    private static String password() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
