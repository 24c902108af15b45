package dev.shop.user.api;

import dev.shop.common.warmup.WarmupTask;
import dev.shop.user.domain.LoginRehearsal;
import dev.shop.user.domain.SigningKeys;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs a login's queries and a token's signing once (rolled back, nothing stored), and the key set. */
@ApplicationScoped
class AccountWarmup implements WarmupTask {

    private final LoginRehearsal login;
    private final SigningKeys keys;

    AccountWarmup(LoginRehearsal login, SigningKeys keys) {
        this.login = login;
        this.keys = keys;
    }

    @Override
    public void run() {
        login.run();
        keys.published();
    }
}
