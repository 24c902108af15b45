package dev.shop.user.domain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A login without anyone logging in, for the warm-up: its queries and its throttle's writes run in
 * a transaction that is rolled back, so nothing is stored, and a token is signed for an account
 * that exists nowhere.
 */
@ApplicationScoped
public class LoginRehearsal {

    private static final String NOBODY = "warm-up@" + Account.SERVICE_DOMAIN;

    private final AccountRepository accounts;
    private final LoginThrottle throttle;
    private final Tokens tokens;

    LoginRehearsal(AccountRepository accounts, LoginThrottle throttle, Tokens tokens) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.tokens = tokens;
    }

    public void run() {
        QuarkusTransaction.begin();
        try {
            accounts.findByEmail(NOBODY);
            throttle.countLogin(NOBODY);
            throttle.forgiveLogin(NOBODY);
        } finally {
            QuarkusTransaction.rollback();
        }
        tokens.issue(Account.customer(NOBODY, "Warm-up", "unused"));
    }
}
