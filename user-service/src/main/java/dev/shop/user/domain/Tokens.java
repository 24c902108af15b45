package dev.shop.user.domain;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Set;

/** Signs access tokens: RS256, {@code sub} = account id, {@code upn} = email, {@code groups} = roles. */
@ApplicationScoped
public class Tokens {

    public record Issued(String accessToken, Duration lifetime) {
    }

    private final SigningKeys keys;
    private final String issuer;
    private final Duration lifetime;

    Tokens(SigningKeys keys,
           @ConfigProperty(name = "shop.jwt.issuer") String issuer,
           @ConfigProperty(name = "shop.jwt.lifetime") Duration lifetime) {
        this.keys = keys;
        this.issuer = issuer;
        this.lifetime = lifetime;
    }

    public Issued issue(Account account) {
        SigningKeys.Active key = keys.active();
        String token = Jwt.issuer(issuer)
                .subject(account.id().toString())
                .upn(account.email())
                .groups(Set.copyOf(account.roles()))
                .expiresIn(lifetime)
                .jws().keyId(key.kid())
                .sign(key.privateKey());
        return new Issued(token, lifetime);
    }
}
