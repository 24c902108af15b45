package dev.shop.user.domain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.jose4j.jwk.PublicJsonWebKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
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

    private final SigningKeyRepository keys;
    private final Optional<String> configuredPem;
    private final Optional<Path> configuredFile;
    private final Duration publishedAfterRetirement;
    private volatile Active active;

    SigningKeys(SigningKeyRepository keys, UserSettings.Jwt settings) {
        this.keys = keys;
        this.configuredPem = settings.signingKey().filter(s -> !s.isBlank());
        this.configuredFile = settings.signingKeyFile();
        this.publishedAfterRetirement = settings.lifetime().plus(settings.rotationGrace());
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
        return keys.signingOrRetiredAfter(since).stream()
                .map(k -> RsaKeys.jwk(k.kid(), RsaKeys.publicFromBase64(k.publicKey())))
                .toList();
    }

    private Active activate() {
        keys.lockChoice();
        Active chosen = configuredKey().map(this::register).orElseGet(this::generatedKey);
        Instant now = Instant.now();
        keys.signingExcept(chosen.kid()).forEach(k -> k.retire(now));
        LOG.infof("Signing tokens with key %s", chosen.kid());
        return chosen;
    }

    private Active register(PrivateKey key) {
        PublicKey publicKey = RsaKeys.publicHalf(key);
        String kid = RsaKeys.thumbprint(publicKey);
        keys.findByIdOptional(kid).ifPresentOrElse(SigningKey::reinstate,
                () -> keys.persist(new SigningKey(kid, RsaKeys.toBase64(publicKey), null)));
        return new Active(kid, key);
    }

    private Active generatedKey() {
        Optional<SigningKey> current = keys.newestGeneratedSigning();
        if (current.isPresent()) {
            return new Active(current.get().kid(), RsaKeys.privateFromBase64(current.get().privateKey()));
        }
        KeyPair pair = RsaKeys.generate();
        String kid = RsaKeys.thumbprint(pair.getPublic());
        keys.persist(new SigningKey(kid, RsaKeys.toBase64(pair.getPublic()), RsaKeys.toBase64(pair.getPrivate())));
        LOG.info("No signing key configured: generated one and stored it for every replica");
        return new Active(kid, pair.getPrivate());
    }

    private Optional<PrivateKey> configuredKey() {
        return configuredPem.or(() -> configuredFile.map(SigningKeys::read)).map(RsaKeys::fromPem);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the signing key file " + file, e);
        }
    }
}
