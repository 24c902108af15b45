package dev.shop.user.domain;

import io.smallrye.config.ConfigMapping;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * user-service's own settings, in one place: one mapping per {@code shop.*} group it reads, each
 * injected where it is used and checked when the service starts (a missing setting, or a number
 * the code could not work with, stops the start: SettingsCheck). The values are in application.properties, and
 * the issuer and the audiences in shop-common's; no setting has a default here.
 *
 * <p>One mapping per group rather than one for all of {@code shop}: other groups belong to shop-common
 * ({@code shop.public}, {@code shop.warmup}) or to other services, and are none of this one's business.
 */
public final class UserSettings {

    private UserSettings() {
    }

    /** {@code shop.jwt.*}: the tokens this service signs (Tokens) and the keys it signs them with (SigningKeys). */
    @ConfigMapping(prefix = "shop.jwt")
    public interface Jwt {
        /** Shared with every service, which verifies tokens against it (shop-common). */
        String issuer();

        /** The audience of a customer's or an administrator's token (shop-common). */
        String apiAudience();

        /** The audience of a service's token (shop-common). */
        String servicesAudience();

        Duration lifetime();

        /** How long a retired key stays published beyond the token lifetime, while old replicas roll over. */
        Duration rotationGrace();

        /** {@code SHOP_JWT_SIGNING_KEY}: a PKCS#8 PEM. */
        Optional<String> signingKey();

        /** {@code SHOP_JWT_SIGNING_KEY_FILE}: a file holding one, read when signingKey is not set. */
        Optional<Path> signingKeyFile();
    }

    /** {@code shop.password.*}: bcrypt and its bounded pool (Passwords). */
    @ConfigMapping(prefix = "shop.password")
    public interface PasswordHashing {
        /** bcrypt's cost: 4 to 31 is what bcrypt accepts. */
        int bcryptCost();

        /** How many hashes and checks run at once. */
        int poolSize();

        /** How many more wait their turn. */
        int queueSize();
    }

    /** {@code shop.login.*}: password guessing (LoginThrottle). */
    @ConfigMapping(prefix = "shop.login")
    public interface LoginLimit {
        /** Failed attempts on one address (or one service) within the window before it is refused. */
        int maxFailures();

        Duration window();
    }

    /** {@code shop.admin.*}: the administrator from configuration (SystemAccounts); both or none. */
    @ConfigMapping(prefix = "shop.admin")
    public interface Admin {
        /** {@code SHOP_ADMIN_EMAIL} */
        Optional<String> email();

        /** {@code SHOP_ADMIN_PASSWORD} */
        Optional<String> password();
    }

    /** {@code shop.order-service.*}: order-service's service account (SystemAccounts). */
    @ConfigMapping(prefix = "shop.order-service")
    public interface OrderServiceAccount {
        /** {@code SHOP_ORDER_SERVICE_SECRET}, the same variable order-service is given. */
        Optional<String> secret();
    }
}
