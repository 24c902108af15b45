package dev.shop.user.domain;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * The accounts that come from configuration rather than registration, set up at start-up:
 * <ul>
 *   <li>the administrator, from {@code SHOP_ADMIN_EMAIL} and {@code SHOP_ADMIN_PASSWORD} when both
 *       are set (there is no built-in administrator and no default password); its password follows
 *       SHOP_ADMIN_PASSWORD at every start, and an address someone registered is never promoted;</li>
 *   <li>order-service's service account, from {@code SHOP_ORDER_SERVICE_SECRET}, which
 *       order-service gets its tokens with (POST /internal/auth/token) for the calls its recovery
 *       job makes outside any request.</li>
 * </ul>
 */
@ApplicationScoped
class SystemAccounts {

    private static final Logger LOG = Logger.getLogger(SystemAccounts.class);
    private static final int MINIMUM_SECRET_LENGTH = 10;

    private final Accounts accounts;
    private final Optional<String> adminEmail;
    private final Optional<String> adminPassword;
    private final Optional<String> orderServiceSecret;

    SystemAccounts(Accounts accounts, UserSettings.Admin admin, UserSettings.OrderServiceAccount orderService) {
        this.accounts = accounts;
        this.adminEmail = admin.email().filter(s -> !s.isBlank());
        this.adminPassword = admin.password().filter(s -> !s.isBlank());
        this.orderServiceSecret = orderService.secret().filter(s -> !s.isBlank());
    }

    void onStart(@Observes StartupEvent event) {
        if (adminEmail.isPresent() && adminPassword.isPresent()) {
            requireLength("SHOP_ADMIN_PASSWORD", adminPassword.get());
            // When the address is a customer's, ensureAdmin says so (WARN) and there is no administrator.
            accounts.ensureAdmin(adminEmail.get(), adminPassword.get())
                    .ifPresent(admin -> LOG.infof("Administrator account %s is ready", admin.id()));
        } else {
            LOG.info("No administrator configured (SHOP_ADMIN_EMAIL and SHOP_ADMIN_PASSWORD)");
        }
        if (orderServiceSecret.isPresent()) {
            requireLength("SHOP_ORDER_SERVICE_SECRET", orderServiceSecret.get());
            Account service = accounts.ensureServiceAccount("order-service", orderServiceSecret.get());
            LOG.infof("Service account %s is ready", service.email());
        } else {
            LOG.warn("SHOP_ORDER_SERVICE_SECRET is not set: order-service's recovery job cannot log in");
        }
    }

    private static void requireLength(String variable, String secret) {
        if (secret.length() < MINIMUM_SECRET_LENGTH) {
            throw new IllegalStateException(variable + " must have at least " + MINIMUM_SECRET_LENGTH + " characters");
        }
    }
}
