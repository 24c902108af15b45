package dev.shop.common.warmup;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies a throw-away token, so that the first real one does not load the whole JWT stack, and
 * fetches the key set once (if user-service is up yet), as the verifier will on the first request.
 *
 * <p>The throw-away key is an EC (P-256) one although the shop's tokens are RS256: a fresh JVM takes
 * 280-560 ms to generate a 2048-bit RSA key pair (its prime search), an EC pair 60-100 ms, and all the
 * rest of the path (parsing, claims, the caller's principal) is the same. The RSA verification
 * itself is a few milliseconds, and its classes come from the image's AOT cache.
 */
@ApplicationScoped
class TokenVerificationWarmup implements WarmupTask {

    private final String issuer;
    private final Optional<String> keySet;

    TokenVerificationWarmup(@ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
                            @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> keySet) {
        this.issuer = issuer;
        this.keySet = keySet.filter(location -> location.startsWith("http"));
    }

    @Override
    public void run() throws Exception {
        verifyThrowAwayToken();
        if (keySet.isPresent()) {
            new HttpsJwks(keySet.get()).getJsonWebKeys();
        }
    }

    private void verifyThrowAwayToken() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keys = generator.generateKeyPair();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject("warm-up");
        claims.setStringListClaim("groups", List.of("customer"));
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(1);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(keys.getPrivate());
        jws.setKeyIdHeaderValue("warm-up");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        // A parser of its own: the application's would fix its settings now, before the HTTP port
        // (part of user-service's key set address) is known in tests.
        JWTAuthContextInfo settings = new JWTAuthContextInfo();
        settings.setSignatureAlgorithm(Set.of(SignatureAlgorithm.ES256));
        new DefaultJWTParser(settings).verify(jws.getCompactSerialization(), keys.getPublic());
    }
}
