package dev.shop.user.domain;

import dev.shop.common.warmup.WarmupTask;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs a login's queries and a token's signing once (rolled back, nothing stored), and the key set. */
@ApplicationScoped
class AccountWarmup implements WarmupTask {

    private static final String NOBODY = "warm-up@" + Account.SERVICE_DOMAIN;

    private final AccountRepository accounts;
    private final LoginThrottle throttle;
    private final Tokens tokens;
    private final SigningKeys keys;

    AccountWarmup(AccountRepository accounts, LoginThrottle throttle, Tokens tokens, SigningKeys keys) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.tokens = tokens;
        this.keys = keys;
    }

    @Override
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
        keys.published();
    }
}
