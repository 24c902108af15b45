package dev.shop.gateway.domain;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Duration;
import java.util.Optional;

/**
 * Failed logins and registrations per client, for limiting password guessing and credential
 * stuffing at the edge: after {@code max} failures within a window, the client's further sign-ins
 * are refused until that window ends. A window starts with a client's first failure and lasts
 * {@code window}; successes are not counted, so a client that only succeeds is never limited.
 *
 * <p>The counts live in a Caffeine cache: each entry expires when its window ends, and at most
 * {@code trackedClients} clients are remembered (the least useful are evicted first), so an attack
 * from many addresses cannot grow the gateway's memory. Evicting a client only forgets its
 * failures early, which costs an attacker with that many addresses nothing it did not have.
 *
 * <p>The counts are per gateway replica, not shared: with n replicas a client may fail up to n
 * times {@code max} per window. That is enough for a coarse limit in front of the real one,
 * user-service's per-account limit, which is kept in the database for every replica.
 */
public final class FailedSignIns {

    /** A client's failures in the current window, and when (ticker nanoseconds) the window ends. */
    private record Failures(int count, long windowEnds) {
    }

    private final int max;
    private final long windowNanos;
    private final Ticker ticker;
    private final Cache<String, Failures> failures;

    public FailedSignIns(int max, Duration window, int trackedClients, Ticker ticker) {
        if (max < 1 || window.isNegative() || window.isZero() || trackedClients < 1) {
            throw new IllegalArgumentException("need max >= 1, a positive window and trackedClients >= 1");
        }
        this.max = max;
        this.windowNanos = window.toNanos();
        this.ticker = ticker;
        this.failures = Caffeine.newBuilder()
                .ticker(ticker)
                .maximumSize(trackedClients)
                .expireAfter(new Expiry<String, Failures>() {
                    @Override
                    public long expireAfterCreate(String client, Failures value, long now) {
                        return value.windowEnds() - now;
                    }

                    // A further failure does not move the end of the window: a fixed window, not a sliding one.
                    @Override
                    public long expireAfterUpdate(String client, Failures value, long now, long currentDuration) {
                        return value.windowEnds() - now;
                    }

                    @Override
                    public long expireAfterRead(String client, Failures value, long now, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    /** How long the client must wait before signing in again, if it has failed too often lately. */
    public Optional<Duration> retryAfter(String client) {
        Failures recent = failures.getIfPresent(client);
        if (recent == null || recent.count() < max) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(Math.max(0, recent.windowEnds() - ticker.read())));
    }

    public void recordFailure(String client) {
        long now = ticker.read();
        // Atomic per client; an expired entry is seen as absent, so a new window starts.
        failures.asMap().compute(client, (key, recent) -> recent == null
                ? new Failures(1, now + windowNanos)
                : new Failures(recent.count() + 1, recent.windowEnds()));
    }
}
