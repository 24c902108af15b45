package dev.shop.user.domain;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Limits password guessing: after {@code shop.login.max-failures} failed attempts on one key
 * within {@code shop.login.window}, further attempts are refused until the window has passed.
 *
 * <p>An attempt is counted as a failure <em>before</em> the password is checked and forgiven when
 * it succeeds. So parallel guesses cannot slip past the limit between check and count, and no
 * lock is held while bcrypt runs.
 *
 * <p>Two routes are counted, under keys that can never be the same: the public login's by the
 * address tried (which always has an {@code @}), and the services' token requests by service, as
 * {@code service:<name>} (a name never has one). So the public, who cannot reach the services'
 * route, cannot lock a service out however they call the public one.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final String SERVICE_KEY_PREFIX = "service:";

    private final LoginFailureRepository failures;
    private final int maxFailures;
    private final Duration window;

    LoginThrottle(LoginFailureRepository failures, UserSettings.LoginLimit settings) {
        this.failures = failures;
        this.maxFailures = settings.maxFailures();
        this.window = settings.window();
    }

    /**
     * Counts a login attempt on this (normalized) address, unless too many have failed lately.
     *
     * @return how long to wait before trying again, if the attempt is refused
     */
    @Transactional
    public Optional<Duration> countLogin(String address) {
        return countAttempt(addressKey(address));
    }

    /** A successful login clears the address's failures. */
    @Transactional
    public void forgiveLogin(String address) {
        forgive(addressKey(address));
    }

    /** Counts a service's request for a token, apart from every address. */
    @Transactional
    public Optional<Duration> countServiceLogin(String service) {
        return countAttempt(serviceKey(service));
    }

    @Transactional
    public void forgiveServiceLogin(String service) {
        forgive(serviceKey(service));
    }

    private static String addressKey(String address) {
        if (address.indexOf('@') < 0) {
            throw new IllegalArgumentException("not an address");
        }
        return address;
    }

    private static String serviceKey(String service) {
        if (service.indexOf('@') >= 0) {
            throw new IllegalArgumentException("not a service's name");
        }
        return SERVICE_KEY_PREFIX + service;
    }

    private Optional<Duration> countAttempt(String key) {
        failures.lock(key);
        Instant now = Instant.now();
        List<Instant> recent = failures.failedSince(key, now.minus(window));
        if (recent.size() >= maxFailures) {
            // Refused until enough of these failures have left the window.
            Instant freeAt = recent.get(recent.size() - maxFailures).plus(window);
            long seconds = Math.max(1, now.until(freeAt, ChronoUnit.SECONDS) + 1);
            return Optional.of(Duration.ofSeconds(seconds));
        }
        failures.persist(new LoginFailure(key, now));
        return Optional.empty();
    }

    private void forgive(String key) {
        failures.forget(key);
    }

    @Scheduled(every = "5m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetOldFailures() {
        failures.forgetBefore(Instant.now().minus(window));
    }
}
