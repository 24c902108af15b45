package dev.shop.user.domain;

import dev.shop.common.problem.Problem;
import dev.shop.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Checks an address and password and hands out a signed token. */
@ApplicationScoped
public class Login {

    private final AccountRepository accounts;
    private final Passwords passwords;
    private final LoginThrottle throttle;
    private final Tokens tokens;

    Login(AccountRepository accounts, Passwords passwords, LoginThrottle throttle, Tokens tokens) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.throttle = throttle;
        this.tokens = tokens;
    }

    public Tokens.Issued login(String email, String password) {
        String address = Account.normalizeEmail(email);
        Optional<Duration> wait = throttle.countAttempt(address);
        if (wait.isPresent()) {
            throw tooManyAttempts(wait.get());
        }
        Optional<Account> account = accounts.findByEmail(address);
        boolean valid;
        if (account.isPresent()) {
            valid = passwords.matches(password, account.get().passwordHash());
        } else {
            passwords.checkDecoy(password);
            valid = false;
        }
        if (!valid) {
            // The same answer for an unknown address and a wrong password: nothing to enumerate.
            throw new ProblemException(Problem.of(401, Problem.TYPE_PREFIX + "invalid-credentials",
                    "Invalid credentials", "The email address or the password is wrong."));
        }
        throttle.forgive(address);
        return tokens.issue(account.get());
    }

    private static ProblemException tooManyAttempts(Duration wait) {
        Problem problem = Problem.of(429, Problem.TYPE_PREFIX + "too-many-login-attempts", "Too many login attempts",
                "Too many failed logins for this address; try again in " + wait.toSeconds() + " seconds.");
        return new ProblemException(problem, Map.of("Retry-After", Long.toString(wait.toSeconds())));
    }
}
