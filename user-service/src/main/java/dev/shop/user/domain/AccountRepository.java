package dev.shop.user.domain;

import dev.shop.common.persistence.AdvisoryLocks;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class AccountRepository implements PanacheRepositoryBase<Account, UUID> {

    public Optional<Account> findByEmail(String email) {
        return find("email", Account.normalizeEmail(email)).firstResultOptional();
    }

    /** Serializes the start-up set-up of system accounts across replicas starting at once, until the transaction ends. */
    void lockSystemAccounts() {
        AdvisoryLocks.lock(getEntityManager(), "users.system-accounts");
    }
}
