package dev.shop.user.domain;

import dev.shop.common.persistence.AdvisoryLocks;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** Failed (or still being checked) login attempts, by what was tried (LoginThrottle's keys). */
@ApplicationScoped
class LoginFailureRepository implements PanacheRepositoryBase<LoginFailure, Long> {

    /** Serializes the attempts on one key until the transaction ends, so that none slips past the count. */
    void lock(String key) {
        AdvisoryLocks.lock(getEntityManager(), "users.login-attempts", key);
    }

    /** When the attempts on this key failed since {@code since}, oldest first. */
    List<Instant> failedSince(String key, Instant since) {
        return find("select f.failedAt from LoginFailure f where f.email = ?1 and f.failedAt > ?2 order by f.failedAt",
                key, since).project(Instant.class).list();
    }

    void forget(String key) {
        delete("email", key);
    }

    void forgetBefore(Instant before) {
        delete("failedAt < ?1", before);
    }
}
