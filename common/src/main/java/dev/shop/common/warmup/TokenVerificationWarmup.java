package dev.shop.common.warmup;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwk.HttpsJwks;

import java.io.InputStream;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;

/**
 * Verifies a throw-away token, so that the first real one does not load the whole JWT stack, and
 * fetches the key set once (if user-service is up yet), as the verifier will on the first request.
 */
@ApplicationScoped
class TokenVerificationWarmup implements WarmupTask {

    private final Optional<String> keySet;

    TokenVerificationWarmup(@ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> keySet) {
        this.keySet = keySet.filter(location -> location.startsWith("http"));
    }

    @Override
    public void run() throws Exception {
        verifyThrowAwayToken();
        if (keySet.isPresent()) {
            new HttpsJwks(keySet.get()).getJsonWebKeys();
        }
    }

    /**
     * The token and key are made once, ahead (the resource says how), not here: generating an RSA
     * key pair in a cold JVM takes 0.07-1.5 s, at random, and the verifier never does it.
     */
    private void verifyThrowAwayToken() throws Exception {
        Properties throwAway = new Properties();
        try (InputStream in = TokenVerificationWarmup.class.getResourceAsStream("throw-away-token.properties")) {
            throwAway.load(in);
        }
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(throwAway.getProperty("public-key"))));
        // A parser of its own: the application's would fix its settings now, before the HTTP port
        // (part of user-service's key set address) is known in tests.
        new DefaultJWTParser().verify(throwAway.getProperty("token"), key);
    }
}
