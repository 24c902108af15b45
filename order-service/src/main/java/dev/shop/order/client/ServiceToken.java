package dev.shop.order.client;

import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Duration;
import java.time.Instant;

/**
 * order-service's own token, the identity catalog-service's inventory API accepts (group
 * {@code order-service}, the services' audience). Every call to catalog-service carries it, in a
 * request or in recovery; a customer's token is never forwarded. Fetched from user-service's
 * internal token endpoint and reused until shortly before it expires.
 */
@ApplicationScoped
public class ServiceToken {

    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(1);

    /** {@code shop.order-service.*}: the service account order-service signs in as. */
    @ConfigMapping(prefix = "shop.order-service")
    interface Account {
        String account();

        /** Shared with user-service through SHOP_ORDER_SERVICE_SECRET; required, no default. */
        String secret();
    }

    private final ServiceTokenApi api;
    private final ServiceTokenApi.Credentials credentials;
    private String token;
    private Instant renewAt = Instant.MIN;

    ServiceToken(@RestClient ServiceTokenApi api, Account account) {
        this.api = api;
        this.credentials = new ServiceTokenApi.Credentials(account.account(), account.secret());
    }

    /** The {@code Authorization} header value. */
    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 200)
    public synchronized String authorization() {
        if (Instant.now().isAfter(renewAt)) {
            ServiceTokenApi.Token fresh = api.issue(credentials);
            token = fresh.accessToken();
            renewAt = Instant.now().plusSeconds(fresh.expiresIn()).minus(RENEW_BEFORE_EXPIRY);
        }
        return "Bearer " + token;
    }
}
