package dev.shop.load;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One simulated customer: an account of its own, registered once, and the token of its last login.
 * The token is renewed by a new login shortly before it expires, or after the shop refused it (401);
 * requests that need it meanwhile wait for that one login rather than each starting their own.
 */
final class Shopper {

    private record Token(String value, long renewAtNanos) {

        boolean fresh() {
            return renewAtNanos - System.nanoTime() > 0;
        }
    }

    private final String email;
    private final String password;
    private final String name;
    private final AtomicReference<CompletableFuture<Token>> session = new AtomicReference<>();

    Shopper(String email, String password, String name) {
        this.email = email;
        this.password = password;
        this.name = name;
    }

    CompletableFuture<Void> register(ShopApi shop) {
        return shop.post("/api/users", Map.of("email", email, "password", password, "name", name), Optional.empty(), Map.of())
                .thenAccept(answer -> {
                    if (answer.status() != 201) {
                        throw new Status.HttpStatusException(answer.status(), "Registering shopper " + email
                                + " failed: POST /api/users answered " + answer.describe() + ".");
                    }
                });
    }

    /** A token to send: the current one, or one from a new login when there is none fit to use. */
    CompletableFuture<String> token(ShopApi shop, Runnable loggedIn) {
        while (true) {
            CompletableFuture<Token> current = session.get();
            if (current != null && usable(current)) {
                return current.thenApply(Token::value);
            }
            CompletableFuture<Token> next = new CompletableFuture<>();
            if (session.compareAndSet(current, next)) {
                login(shop).whenComplete((token, failure) -> {
                    if (failure == null) {
                        loggedIn.run();
                        next.complete(token);
                    } else {
                        next.completeExceptionally(failure);
                    }
                });
                return next.thenApply(Token::value);
            }
        }
    }

    /** The shop answered 401 to this token: the next request logs in again. */
    void refused(String token) {
        CompletableFuture<Token> current = session.get();
        if (current != null && current.isDone() && !current.isCompletedExceptionally()
                && current.join().value().equals(token)) {
            session.compareAndSet(current, null);
        }
    }

    private static boolean usable(CompletableFuture<Token> token) {
        return !token.isDone() || (!token.isCompletedExceptionally() && token.join().fresh());
    }

    /**
     * A login for its own sake (the action "login"): the status it was answered with. The token it
     * brings becomes the shopper's, as a returning customer's new session replaces the old one.
     */
    CompletableFuture<Integer> logIn(ShopApi shop, Runnable loggedIn) {
        return postLogin(shop).thenApply(answer -> {
            tokenOf(answer).ifPresent(token -> {
                session.set(CompletableFuture.completedFuture(token));
                loggedIn.run();
            });
            return answer.status();
        });
    }

    private CompletableFuture<Token> login(ShopApi shop) {
        return postLogin(shop).thenApply(answer -> tokenOf(answer).orElseThrow(() -> new Status.HttpStatusException(
                answer.status(), "Logging in as " + email + " failed: POST /api/auth/login answered " + answer.describe() + ".")));
    }

    private CompletableFuture<ShopApi.Answer> postLogin(ShopApi shop) {
        return shop.post("/api/auth/login", Map.of("email", email, "password", password), Optional.empty(), Map.of());
    }

    private static Optional<Token> tokenOf(ShopApi.Answer answer) {
        JsonNode token = answer.body() == null ? null : answer.body().get("accessToken");
        if (answer.status() != 200 || token == null) {
            return Optional.empty();
        }
        long lifetime = answer.body().path("expiresIn").asLong(60);
        // Renew a little early: a minute before, or halfway through a short lifetime.
        long renewAfter = lifetime - Math.min(60, lifetime / 2);
        return Optional.of(new Token(token.asText(), System.nanoTime() + renewAfter * 1_000_000_000L));
    }
}
