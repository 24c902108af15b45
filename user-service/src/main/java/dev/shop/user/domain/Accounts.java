package dev.shop.user.domain;

import dev.shop.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class Accounts {

    private final AccountRepository accounts;
    private final Passwords passwords;

    Accounts(AccountRepository accounts, Passwords passwords) {
        this.accounts = accounts;
        this.passwords = passwords;
    }

    @Transactional
    public Account register(String email, String name, String password) {
        if (accounts.findByEmail(email).isPresent()) {
            throw emailTaken();
        }
        Account account = new Account(email, name.strip(), passwords.hash(password), false);
        accounts.persistAndFlush(account);
        return account;
    }

    /**
     * Makes sure an administrator account exists for this address: created with this password if
     * missing, else given the admin group and left as it is. Safe when several replicas start at once.
     */
    @Transactional
    public Account ensureAdmin(String email, String password) {
        accounts.getEntityManager()
                .createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtext('users.admin-bootstrap'))")
                .getSingleResult();
        Optional<Account> existing = accounts.findByEmail(email);
        if (existing.isPresent()) {
            existing.get().grantAdmin();
            return existing.get();
        }
        Account admin = new Account(email, "Administrator", passwords.hash(password), true);
        accounts.persist(admin);
        return admin;
    }

    public Optional<Account> find(UUID id) {
        return accounts.findByIdOptional(id);
    }

    static ProblemException emailTaken() {
        return ProblemException.conflict("email-taken", "Email already registered",
                "An account with this email address already exists.");
    }
}
