package dev.shop.user.domain;

import dev.shop.common.problem.ProblemException;
import dev.shop.common.problem.ProblemType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class Accounts {

    private static final Logger LOG = Logger.getLogger(Accounts.class);

    private final AccountRepository accounts;
    private final Passwords passwords;

    Accounts(AccountRepository accounts, Passwords passwords) {
        this.accounts = accounts;
        this.passwords = passwords;
    }

    public Account register(String email, String name, String password) {
        if (Account.isServiceAddress(email)) {
            throw ProblemException.invalidField("email", "is reserved for the shop's own services");
        }
        // Hashed before the transaction begins: no database connection is held while bcrypt waits
        // for its turn on its pool and runs (Passwords).
        Account account = Account.customer(email, name.strip(), passwords.hash(password));
        return QuarkusTransaction.joiningExisting().call(() -> {
            if (accounts.findByEmail(email).isPresent()) {
                throw emailTaken();
            }
            accounts.persistAndFlush(account);
            return account;
        });
    }

    /**
     * Makes sure the configured administrator exists with the configured password: created if
     * missing; if it exists, its password follows the configuration (rehashed only when it does not
     * match). An account that someone registered with that address is left as it is. Safe when
     * several replicas start at once.
     *
     * @return the administrator, or nothing when the address belongs to a customer
     */
    @Transactional
    public Optional<Account> ensureAdmin(String email, String password) {
        if (Account.isServiceAddress(email)) {
            throw new IllegalArgumentException("The administrator's address (SHOP_ADMIN_EMAIL) may not be one of the "
                    + Account.SERVICE_DOMAIN + " addresses, which are the services' own");
        }
        accounts.lockSystemAccounts();
        Optional<Account> existing = accounts.findByEmail(email);
        if (existing.isEmpty()) {
            Account admin = Account.administrator(email, passwords.hash(password));
            accounts.persist(admin);
            return Optional.of(admin);
        }
        Account account = existing.get();
        if (!account.isAdmin()) {
            LOG.warnf("The administrator's address (SHOP_ADMIN_EMAIL) is that of account %s, which someone registered"
                    + " through the shop: it is not made an administrator, since whoever registered that address would"
                    + " then be one, with the password they chose. Choose another SHOP_ADMIN_EMAIL, or remove that"
                    + " account, and restart.", account.id());
            return Optional.empty();
        }
        if (!passwords.matches(password, account.passwordHash())) {
            account.changePassword(passwords.hash(password));
        }
        return Optional.of(account);
    }

    /**
     * Makes sure the account a service logs in with exists and has exactly this secret: the
     * configuration is the truth, whatever an earlier start or anyone else left in the table.
     */
    @Transactional
    public Account ensureServiceAccount(String service, String secret) {
        accounts.lockSystemAccounts();
        Optional<Account> existing = accounts.findByEmail(Account.serviceAddress(service));
        if (existing.isPresent()) {
            Account account = existing.get();
            if (!account.isService() || !passwords.matches(secret, account.passwordHash())) {
                account.makeService(passwords.hash(secret));
            }
            return account;
        }
        Account account = Account.service(service, passwords.hash(secret));
        accounts.persist(account);
        return account;
    }

    public Optional<Account> find(UUID id) {
        return accounts.findByIdOptional(id);
    }

    static ProblemException emailTaken() {
        return ProblemType.EMAIL_TAKEN.exception("An account with this email address already exists.");
    }
}
