package dev.shop.order.client;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Duration;
import java.time.Instant;

/**
 * order-service's own token, for the calls it makes outside any user's request (recovery). It
 * logs in to user-service with its service account and reuses the token until shortly before it
 * expires.
 */
@ApplicationScoped
public class ServiceToken {

    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(1);

    private final AuthApi auth;
    private final AuthApi.Credentials credentials;
    private String token;
    private Instant renewAt = Instant.MIN;

    ServiceToken(@RestClient AuthApi auth,
                 @ConfigProperty(name = "shop.order-service.account") String account,
                 @ConfigProperty(name = "shop.order-service.secret") String secret) {
        this.auth = auth;
        this.credentials = new AuthApi.Credentials(account, secret);
    }

    /** The {@code Authorization} header value. */
    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 200)
    public synchronized String authorization() {
        if (Instant.now().isAfter(renewAt)) {
            AuthApi.Token fresh = auth.login(credentials);
            token = fresh.accessToken();
            renewAt = Instant.now().plusSeconds(fresh.expiresIn()).minus(RENEW_BEFORE_EXPIRY);
        }
        return "Bearer " + token;
    }
}
