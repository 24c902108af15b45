package dev.shop.user.domain;

import dev.shop.common.persistence.AdvisoryLocks;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The key this replica signs tokens with, and the public keys every service verifies them against.
 *
 * <p>The key is configured (a PEM, given by {@code SHOP_JWT_SIGNING_KEY} or a mounted file named
 * by {@code SHOP_JWT_SIGNING_KEY_FILE}), or else generated once and kept in this service's schema,
 * so that every replica signs with the same key. A key that stops signing is still published for
 * the lifetime of the tokens it signed (plus a grace period for replicas still rolling over).
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    public record Active(String kid, PrivateKey privateKey) {
    }

    private final EntityManager db;
    private final Optional<String> configuredPem;
    private final Optional<Path> configuredFile;
    private final Duration publishedAfterRetirement;
    private volatile Active active;

    SigningKeys(EntityManager db,
                @ConfigProperty(name = "shop.jwt.signing-key") Optional<String> configuredPem,
                @ConfigProperty(name = "shop.jwt.signing-key-file") Optional<Path> configuredFile,
                @ConfigProperty(name = "shop.jwt.lifetime") Duration lifetime,
                @ConfigProperty(name = "shop.jwt.rotation-grace") Duration grace) {
        this.db = db;
        this.configuredPem = configuredPem.filter(s -> !s.isBlank());
        this.configuredFile = configuredFile;
        this.publishedAfterRetirement = lifetime.plus(grace);
    }

    void onStart(@Observes StartupEvent event) {
        active = QuarkusTransaction.requiringNew().call(this::activate);
    }

    public Active active() {
        return active;
    }

    /** The keys a token of this shop may be signed with: the signing ones and the recently retired. */
    public List<PublicJsonWebKey> published() {
        Instant since = Instant.now().minus(publishedAfterRetirement);
        return db.createQuery("from SigningKey k where k.retiredAt is null or k.retiredAt > :since order by k.createdAt",
                        SigningKey.class)
                .setParameter("since", since)
                .getResultList().stream()
                .map(k -> jwk(k.kid(), decodePublic(k.publicKey())))
                .toList();
    }

    private Active activate() {
        AdvisoryLocks.lock(db, "users.signing-key");
        Active chosen = configuredKey().map(this::register).orElseGet(this::generatedKey);
        Instant now = Instant.now();
        db.createQuery("from SigningKey k where k.retiredAt is null and k.kid <> :kid", SigningKey.class)
                .setParameter("kid", chosen.kid())
                .getResultList()
                .forEach(k -> k.retire(now));
        LOG.infof("Signing tokens with key %s", chosen.kid());
        return chosen;
    }

    private Active register(PrivateKey key) {
        PublicKey publicKey = publicHalf(key);
        String kid = thumbprint(publicKey);
        SigningKey known = db.find(SigningKey.class, kid);
        if (known == null) {
            db.persist(new SigningKey(kid, encode(publicKey.getEncoded()), null));
        } else {
            known.reinstate();
        }
        return new Active(kid, key);
    }

    private Active generatedKey() {
        Optional<SigningKey> current = db.createQuery(
                        "from SigningKey k where k.privateKey is not null and k.retiredAt is null order by k.createdAt desc",
                        SigningKey.class)
                .setMaxResults(1).getResultStream().findFirst();
        if (current.isPresent()) {
            return new Active(current.get().kid(), decodePrivate(current.get().privateKey()));
        }
        KeyPair pair = newKeyPair();
        String kid = thumbprint(pair.getPublic());
        db.persist(new SigningKey(kid, encode(pair.getPublic().getEncoded()), encode(pair.getPrivate().getEncoded())));
        LOG.info("No signing key configured: generated one and stored it for every replica");
        return new Active(kid, pair.getPrivate());
    }

    private Optional<PrivateKey> configuredKey() {
        Optional<String> pem = configuredPem.or(() -> configuredFile.map(SigningKeys::read));
        return pem.map(text -> {
            try {
                return KeyUtils.decodePrivateKey(text);
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new IllegalStateException("The configured signing key is not an RSA private key in PKCS#8 PEM", e);
            }
        });
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the signing key file " + file, e);
        }
    }

    static PublicKey publicHalf(PrivateKey key) {
        if (!(key instanceof RSAPrivateCrtKey rsa)) {
            throw new IllegalStateException("The signing key must be an RSA private key");
        }
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PublicJsonWebKey jwk(String kid, PublicKey key) {
        RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) key);
        jwk.setKeyId(kid);
        jwk.setAlgorithm("RS256");
        jwk.setUse("sig");
        return jwk;
    }

    /** The RFC 7638 thumbprint: the same key gets the same id on every replica. */
    private static String thumbprint(PublicKey key) {
        return new RsaJsonWebKey((RSAPublicKey) key).calculateBase64urlEncodedThumbprint("SHA-256");
    }

    private static KeyPair newKeyPair() {
        try {
            return KeyUtils.generateKeyPair(2048);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static PublicKey decodePublic(String base64) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey decodePrivate(String base64) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
