package dev.shop.user.domain;

import io.smallrye.jwt.util.KeyUtils;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The RSA signing keys' encodings, and nothing about which key signs (that is {@link SigningKeys}):
 * a configured key from its PKCS#8 PEM, the Base64 DER kept in {@code signing_key} (X.509
 * SubjectPublicKeyInfo for a public key, PKCS#8 for a private one), a public key as the JWK the key
 * set publishes, and the key id (its RFC 7638 thumbprint).
 */
final class RsaKeys {

    private RsaKeys() {
    }

    /** A configured key: an RSA private key in PKCS#8 PEM. */
    static PrivateKey fromPem(String pem) {
        try {
            return KeyUtils.decodePrivateKey(pem);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("The configured signing key is not an RSA private key in PKCS#8 PEM", e);
        }
    }

    static KeyPair generate() {
        try {
            return KeyUtils.generateKeyPair(2048);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
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

    /** The RFC 7638 thumbprint: the same key gets the same id on every replica. */
    static String thumbprint(PublicKey key) {
        return new RsaJsonWebKey((RSAPublicKey) key).calculateBase64urlEncodedThumbprint("SHA-256");
    }

    static PublicJsonWebKey jwk(String kid, PublicKey key) {
        RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) key);
        jwk.setKeyId(kid);
        jwk.setAlgorithm("RS256");
        jwk.setUse("sig");
        return jwk;
    }

    /** A key as stored: its DER encoding (X.509 for a public key, PKCS#8 for a private one) in Base64. */
    static String toBase64(Key key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    static PublicKey publicFromBase64(String base64) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static PrivateKey privateFromBase64(String base64) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
