package dev.shop.user.domain;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Limits password guessing: after {@code shop.login.max-failures} failed attempts on one address
 * within {@code shop.login.window}, further attempts are refused until the window has passed.
 *
 * <p>An attempt is counted as a failure <em>before</em> the password is checked and forgiven when
 * it succeeds. So parallel guesses cannot slip past the limit between check and count, and no
 * lock is held while bcrypt runs.
 */
@ApplicationScoped
public class LoginThrottle {

    private final EntityManager db;
    private final int maxFailures;
    private final Duration window;

    LoginThrottle(EntityManager db,
                  @ConfigProperty(name = "shop.login.max-failures") int maxFailures,
                  @ConfigProperty(name = "shop.login.window") Duration window) {
        this.db = db;
        this.maxFailures = maxFailures;
        this.window = window;
    }

    /**
     * Counts an attempt on this address, unless too many have failed lately.
     *
     * @return how long to wait before trying again, if the attempt is refused
     */
    @Transactional
    public Optional<Duration> countAttempt(String email) {
        db.createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtext(:email))")
                .setParameter("email", email).getSingleResult();
        Instant now = Instant.now();
        List<Instant> recent = db.createQuery("""
                        select f.failedAt from LoginFailure f
                        where f.email = :email and f.failedAt > :since
                        order by f.failedAt""", Instant.class)
                .setParameter("email", email)
                .setParameter("since", now.minus(window))
                .getResultList();
        if (recent.size() >= maxFailures) {
            // Refused until enough of these failures have left the window.
            Instant freeAt = recent.get(recent.size() - maxFailures).plus(window);
            long seconds = Math.max(1, now.until(freeAt, ChronoUnit.SECONDS) + 1);
            return Optional.of(Duration.ofSeconds(seconds));
        }
        db.persist(new LoginFailure(email, now));
        return Optional.empty();
    }

    /** A successful login clears the address's failures. */
    @Transactional
    public void forgive(String email) {
        db.createQuery("delete from LoginFailure f where f.email = :email")
                .setParameter("email", email).executeUpdate();
    }

    @Scheduled(every = "5m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetOldFailures() {
        db.createQuery("delete from LoginFailure f where f.failedAt < :before")
                .setParameter("before", Instant.now().minus(window)).executeUpdate();
    }
}
