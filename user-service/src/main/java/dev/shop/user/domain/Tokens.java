package dev.shop.user.domain;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Set;

/**
 * Signs access tokens: RS256, {@code sub} = account id, {@code upn} = email, {@code groups} = roles,
 * and {@code aud} = what the token is for. A customer's or an administrator's token is for the
 * public API ({@code shop.jwt.api-audience}); a service's is for the services' internal APIs
 * ({@code shop.jwt.services-audience}). Each service accepts only the audiences of the APIs it
 * serves, so neither kind of token can stand in for the other.
 */
@ApplicationScoped
public class Tokens {

    public record Issued(String accessToken, Duration lifetime) {
    }

    private final SigningKeys keys;
    private final String issuer;
    private final Duration lifetime;
    private final String apiAudience;
    private final String servicesAudience;

    Tokens(SigningKeys keys, UserSettings.Jwt settings) {
        this.keys = keys;
        this.issuer = settings.issuer();
        this.lifetime = settings.lifetime();
        this.apiAudience = settings.apiAudience();
        this.servicesAudience = settings.servicesAudience();
    }

    public Issued issue(Account account) {
        SigningKeys.Active key = keys.active();
        String token = Jwt.issuer(issuer)
                .subject(account.id().toString())
                .upn(account.email())
                .groups(Set.copyOf(account.roles()))
                .audience(account.isService() ? servicesAudience : apiAudience)
                .expiresIn(lifetime)
                .jws().keyId(key.kid())
                .sign(key.privateKey());
        return new Issued(token, lifetime);
    }
}
