package dev.shop.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

/**
 * Tokens for tests, signed like user-service signs them (RS256, the shop's issuer, {@code sub},
 * {@code upn}, {@code groups}) but with a key made for this test run and published as a JWKS file
 * that the service under test is pointed at.
 */
public final class TestTokens {

    public static final String ISSUER = "urn:shop:user-service";
    /** The audience of the tokens customers and administrators get: the shop's public API. */
    public static final String API_AUDIENCE = "urn:shop:api";
    /** The audience of service accounts' tokens: the services' internal APIs. */
    public static final String SERVICES_AUDIENCE = "urn:shop:services";

    private static final KeyPair KEYS = newKeyPair();
    private static final KeyPair FOREIGN_KEYS = newKeyPair();
    /** The key id user-service would give this key: its RFC 7638 thumbprint. */
    private static final String KEY_ID = thumbprint(KEYS);
    private static Path jwksFile;

    private TestTokens() {
    }

    /** A valid customer token for a new random user. */
    public static String customer() {
        return customer(UUID.randomUUID().toString());
    }

    public static String customer(String userId) {
        return sign(claims(userId, Set.of("customer")), KEYS);
    }

    public static String admin() {
        return sign(claims(UUID.randomUUID().toString(), Set.of("customer", "admin")), KEYS);
    }

    /** A service account's token, as user-service issues it on its internal token endpoint. */
    public static String service(String service) {
        return sign(Jwt.issuer(ISSUER)
                .subject(UUID.randomUUID().toString())
                .upn(service + "@services.shop.internal")
                .groups(Set.of(service))
                .audience(SERVICES_AUDIENCE)
                .expiresIn(Duration.ofMinutes(15)), KEYS);
    }

    /** A customer's claims with another audience (or none, for an empty set): issued for some other use. */
    public static String withAudience(String userId, Set<String> audience) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER)
                .subject(userId)
                .upn(userId + "@test.example")
                .groups(Set.of("customer", "admin"))
                .expiresIn(Duration.ofMinutes(15));
        return sign(audience.isEmpty() ? claims : claims.audience(audience), KEYS);
    }

    public static String expired(String userId) {
        Instant issued = Instant.now().minus(Duration.ofHours(2));
        return sign(claims(userId, Set.of("customer")).issuedAt(issued).expiresAt(issued.plus(Duration.ofMinutes(15))),
                KEYS);
    }

    /** Right claims, but signed by a key the shop does not know. */
    public static String signedByAnotherKey(String userId) {
        return sign(claims(userId, Set.of("customer", "admin")), FOREIGN_KEYS);
    }

    public static String withIssuer(String userId, String issuer) {
        return sign(claims(userId, Set.of("customer")).issuer(issuer), KEYS);
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    private static JwtClaimsBuilder claims(String userId, Set<String> groups) {
        return Jwt.issuer(ISSUER)
                .subject(userId)
                .upn(userId + "@test.example")
                .groups(groups)
                .audience(API_AUDIENCE)
                .expiresIn(Duration.ofMinutes(15));
    }

    private static String sign(JwtClaimsBuilder claims, KeyPair keys) {
        return claims.jws().keyId(KEY_ID).sign(keys.getPrivate());
    }

    /** The test key's private half as PKCS#8 PEM, for a user-service under test to sign with. */
    public static String privateKeyPem() {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(KEYS.getPrivate().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
    }

    private static String thumbprint(KeyPair keys) {
        return new RsaJsonWebKey((RSAPublicKey) keys.getPublic()).calculateBase64urlEncodedThumbprint("SHA-256");
    }

    /** The public test key as a JWK Set in a file, for {@code mp.jwt.verify.publickey.location}. */
    public static synchronized Path jwksFile() {
        if (jwksFile == null) {
            try {
                RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) KEYS.getPublic());
                jwk.setKeyId(KEY_ID);
                jwk.setAlgorithm("RS256");
                jwk.setUse("sig");
                Path file = Files.createTempFile("shop-test-jwks", ".json");
                file.toFile().deleteOnExit();
                Files.writeString(file, new JsonWebKeySet(jwk).toJson());
                jwksFile = file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return jwksFile;
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
