package dev.shop.user.domain;

import dev.shop.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The encodings SigningKeys stores and publishes keys in, without a database. */
class RsaKeysTest {

    @Test
    void aConfiguredKeyIsReadFromItsPemAndKeepsItsIdThroughStorage() {
        PrivateKey key = RsaKeys.fromPem(TestTokens.privateKeyPem());
        PublicKey publicKey = RsaKeys.publicHalf(key);
        PublicKey stored = RsaKeys.publicFromBase64(RsaKeys.toBase64(publicKey));

        assertEquals(RsaKeys.thumbprint(publicKey), RsaKeys.thumbprint(stored));
        assertEquals(RsaKeys.thumbprint(publicKey), RsaKeys.jwk(RsaKeys.thumbprint(stored), stored).getKeyId());
    }

    @Test
    void aGeneratedKeySurvivesStorage() {
        KeyPair pair = RsaKeys.generate();
        PrivateKey stored = RsaKeys.privateFromBase64(RsaKeys.toBase64(pair.getPrivate()));

        assertEquals(RsaKeys.thumbprint(pair.getPublic()), RsaKeys.thumbprint(RsaKeys.publicHalf(stored)));
    }

    @Test
    void somethingElseIsNoSigningKey() {
        assertThrows(IllegalStateException.class,
                () -> RsaKeys.fromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"));
    }
}
