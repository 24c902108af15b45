package dev.shop.user.domain;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Creates the administrator from {@code SHOP_ADMIN_EMAIL} and {@code SHOP_ADMIN_PASSWORD} when both
 * are set. There is no built-in administrator and no default password.
 */
@ApplicationScoped
class AdminAccount {

    private static final Logger LOG = Logger.getLogger(AdminAccount.class);

    private final Accounts accounts;
    private final Optional<String> email;
    private final Optional<String> password;

    AdminAccount(Accounts accounts,
                 @ConfigProperty(name = "shop.admin.email") Optional<String> email,
                 @ConfigProperty(name = "shop.admin.password") Optional<String> password) {
        this.accounts = accounts;
        this.email = email.filter(s -> !s.isBlank());
        this.password = password.filter(s -> !s.isBlank());
    }

    void onStart(@Observes StartupEvent event) {
        if (email.isEmpty() || password.isEmpty()) {
            LOG.info("No administrator configured (SHOP_ADMIN_EMAIL and SHOP_ADMIN_PASSWORD)");
            return;
        }
        if (password.get().length() < 10) {
            throw new IllegalStateException("SHOP_ADMIN_PASSWORD must have at least 10 characters");
        }
        Account admin = accounts.ensureAdmin(email.get(), password.get());
        LOG.infof("Administrator account %s is ready", admin.id());
    }
}
