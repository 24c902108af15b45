package dev.shop.user.domain;

import dev.shop.common.metrics.TaggedCounters;
import dev.shop.common.problem.Problem;
import dev.shop.common.problem.ProblemException;
import dev.shop.common.problem.ProblemType;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Checks credentials and hands out a signed token, on two routes: customers and administrators
 * sign in with an address and a password ({@link #login}), the shop's own services with their
 * name and secret ({@link #serviceLogin}). Neither route accepts the other's accounts.
 */
// Made at start, so that its counters are published at zero before the first login.
@Startup
@ApplicationScoped
public class Login {

    /** How a customer's or an administrator's login ended: {@code shop_logins_total{outcome}}. */
    enum Outcome { SUCCEEDED, FAILED, LIMITED }

    private final AccountRepository accounts;
    private final Passwords passwords;
    private final LoginThrottle throttle;
    private final Tokens tokens;
    private final TaggedCounters<Outcome> outcomes;

    Login(AccountRepository accounts, Passwords passwords, LoginThrottle throttle, Tokens tokens, MeterRegistry registry) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.throttle = throttle;
        this.tokens = tokens;
        this.outcomes = TaggedCounters.register(registry, "shop.logins",
                "Logins of customers and administrators; limited: refused with 429 after too many failures",
                "outcome", Outcome.class);
    }

    public Tokens.Issued login(String email, String password) {
        String address = Account.normalizeEmail(email);
        if (Account.isServiceAddress(address) || address.indexOf('@') < 0) {
            // A service's account never signs in here, even with its secret, and what is not an
            // address is nobody's: answered like a wrong password, after as long a check. Not counted,
            // since there is nothing to guess, so this route never touches what a service is throttled by.
            passwords.checkDecoy(password);
            outcomes.increment(Outcome.FAILED);
            throw invalidCredentials("The email address or the password is wrong.");
        }
        Optional<Duration> wait = throttle.countLogin(address);
        if (wait.isPresent()) {
            outcomes.increment(Outcome.LIMITED);
            throw tooManyAttempts(wait.get(), "this address");
        }
        Optional<Account> account = accounts.findByEmail(address);
        if (!matches(account, password)) {
            // The same answer for an unknown address and a wrong password: nothing to enumerate.
            outcomes.increment(Outcome.FAILED);
            throw invalidCredentials("The email address or the password is wrong.");
        }
        throttle.forgiveLogin(address);
        Tokens.Issued issued = tokens.issue(account.get());
        outcomes.increment(Outcome.SUCCEEDED);
        return issued;
    }

    /** A token for one of the shop's services, from its name ({@code order-service}) and secret. */
    public Tokens.Issued serviceLogin(String service, String secret) {
        Optional<Duration> wait = throttle.countServiceLogin(service);
        if (wait.isPresent()) {
            throw tooManyAttempts(wait.get(), "this service account");
        }
        Optional<Account> account = accounts.findByEmail(Account.serviceAddress(service)).filter(Account::isService);
        if (!matches(account, secret)) {
            throw invalidCredentials("The service account or its secret is wrong.");
        }
        throttle.forgiveServiceLogin(service);
        return tokens.issue(account.get());
    }

    /** Checks the password, or spends the time of a check when there is no account to check it for. */
    private boolean matches(Optional<Account> account, String password) {
        if (account.isPresent()) {
            return passwords.matches(password, account.get().passwordHash());
        }
        passwords.checkDecoy(password);
        return false;
    }

    private static ProblemException invalidCredentials(String detail) {
        return ProblemType.INVALID_CREDENTIALS.exception(detail);
    }

    private static ProblemException tooManyAttempts(Duration wait, String whose) {
        Problem problem = ProblemType.TOO_MANY_LOGIN_ATTEMPTS.problem("Too many failed logins for " + whose + "; try again in " + wait.toSeconds() + " seconds.");
        return new ProblemException(problem, Map.of("Retry-After", Long.toString(wait.toSeconds())));
    }
}
